"""Seed the conversation types every organisation starts with (editable in admin afterwards).

Names, questions and criteria are stored in English; pages show the translated label of `kind`.
"""

from django.db import migrations

TYPES = [
    {
        "kind": "follow_up",
        "name": "One-on-one follow-up",
        "default_cadence_days": 14,
        "guiding_questions": "\n".join(
            [
                "How have the last two weeks gone for you?",
                "Which results are you most pleased with, and why?",
                "Where did a customer not get the help they needed, and what got in the way?",
                "What do you need from me to reach your goals?",
                "What will you focus on until we meet again?",
            ]
        ),
        "quality_criteria": "",
    },
    {
        "kind": "development",
        "name": "Development conversation",
        "default_cadence_days": 365,
        "guiding_questions": "\n".join(
            [
                "Looking back at the year, what are you most proud of?",
                "Which strengths do you want to use more in your work?",
                "What do you want to get better at in the coming year?",
                "Where do you see yourself in two to three years: leadership, training, quality, HR, credit?",
                "What would help you grow here: courses, shadowing, new tasks, a mentor?",
                "What makes a good day at work for you?",
            ]
        ),
        "quality_criteria": "",
    },
    {
        "kind": "coaching",
        "name": "Coaching session",
        "default_cadence_days": 30,
        "guiding_questions": "\n".join(
            [
                "What went well in this interaction?",
                "What would you do differently next time?",
                "Was the customer's need solved in the first contact? If not, why not?",
                "What is one thing you will practise before our next session?",
            ]
        ),
        "quality_criteria": "\n".join(
            [
                "Greeting and identification according to procedure",
                "Understood the customer's real need",
                "Correct and complete information",
                "Solved in the first contact",
                "Tone, empathy and clear language",
                "Compliance: documentation and required checks",
            ]
        ),
    },
    {
        "kind": "getting_to_know",
        "name": "Getting-to-know conversation",
        "default_cadence_days": None,
        "guiding_questions": "\n".join(
            [
                "What did you do before you joined us?",
                "What motivates you at work, and what drains your energy?",
                "How do you like to receive feedback?",
                "Is there anything in your life outside work you would like me to know about?",
                "What are you good at that we might not know yet?",
            ]
        ),
        "quality_criteria": "",
    },
    {
        "kind": "onboarding",
        "name": "Onboarding check-in",
        "default_cadence_days": 7,
        "guiding_questions": "\n".join(
            [
                "How was this week on the floor?",
                "Which kinds of enquiries still feel difficult?",
                "Is your buddy (floor walker) available when you need help?",
                "Do you have the system access and tools you need?",
                "What should we practise before next week?",
            ]
        ),
        "quality_criteria": "",
    },
    {
        "kind": "welcome_back",
        "name": "Welcome-back conversation",
        "default_cadence_days": None,
        "guiding_questions": "\n".join(
            [
                "How are you, and how does it feel to be back?",
                "What has changed while you were away that we should go through?",
                "Do you need any refresher training or system updates?",
                "How would you like to ease back in: shifts, tasks, workload?",
            ]
        ),
        "quality_criteria": "",
    },
]


def seed(apps, schema_editor):
    ConversationType = apps.get_model("coaching", "ConversationType")
    for values in TYPES:
        ConversationType.objects.update_or_create(kind=values["kind"], defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("coaching", "ConversationType").objects.filter(
        kind__in=[values["kind"] for values in TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("coaching", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
