"""The conversation types in English, Norwegian Bokmål and Swedish (editable per language in the admin).

Wording follows locale/glossary.nb.md and locale/glossary.sv.md.
"""

from django.db import migrations

TRANSLATIONS = {
    "follow_up": {
        "name": {
            "en": "One-on-one follow-up",
            "nb": "Oppfølgingssamtale",
            "sv": "Uppföljningssamtal",
        },
        "description": {
            "en": "A short, regular talk about how the last weeks went and what comes next.",
            "nb": "En kort, fast samtale om hvordan de siste ukene har gått og hva som skjer videre.",
            "sv": "Ett kort, regelbundet samtal om hur de senaste veckorna har gått och vad som händer härnäst.",
        },
        "guiding_questions": {
            "en": [
                "How have the last two weeks gone for you?",
                "Which results are you most pleased with, and why?",
                "Where did a customer not get the help they needed, and what got in the way?",
                "What do you need from me to reach your goals?",
                "What will you focus on until we meet again?",
            ],
            "nb": [
                "Hvordan har de to siste ukene vært for deg?",
                "Hvilke resultater er du mest fornøyd med, og hvorfor?",
                "Når fikk en kunde ikke den hjelpen de trengte, og hva stod i veien?",
                "Hva trenger du fra meg for å nå målene dine?",
                "Hva vil du konsentrere deg om til vi møtes igjen?",
            ],
            "sv": [
                "Hur har de två senaste veckorna varit för dig?",
                "Vilka resultat är du mest nöjd med, och varför?",
                "När fick en kund inte den hjälp de behövde, och vad stod i vägen?",
                "Vad behöver du från mig för att nå dina mål?",
                "Vad vill du fokusera på tills vi ses igen?",
            ],
        },
    },
    "development": {
        "name": {"en": "Development conversation", "nb": "Utviklingssamtale", "sv": "Utvecklingssamtal"},
        "description": {
            "en": "Once a year: looking back, strengths, and where you want to grow.",
            "nb": "En gang i året: et tilbakeblikk, styrkene dine og hvor du vil utvikle deg.",
            "sv": "En gång om året: en tillbakablick, dina styrkor och var du vill utvecklas.",
        },
        "guiding_questions": {
            "en": [
                "Looking back at the year, what are you most proud of?",
                "Which strengths do you want to use more in your work?",
                "What do you want to get better at in the coming year?",
                "Where do you see yourself in two to three years: leadership, training, quality, HR, credit?",
                "What would help you grow here: courses, shadowing, new tasks, a mentor?",
                "What makes a good day at work for you?",
            ],
            "nb": [
                "Når du ser tilbake på året, hva er du mest stolt av?",
                "Hvilke styrker vil du bruke mer i arbeidet ditt?",
                "Hva vil du bli bedre på det kommende året?",
                "Hvor ser du deg selv om to til tre år: ledelse, opplæring, kvalitet, HR, kreditt?",
                "Hva ville hjelpe deg å utvikle deg her: kurs, hospitering, nye oppgaver, en mentor?",
                "Hva gjør en arbeidsdag god for deg?",
            ],
            "sv": [
                "När du ser tillbaka på året, vad är du mest stolt över?",
                "Vilka styrkor vill du använda mer i ditt arbete?",
                "Vad vill du bli bättre på under det kommande året?",
                "Var ser du dig själv om två till tre år: ledarskap, utbildning, kvalitet, HR, kredit?",
                "Vad skulle hjälpa dig att utvecklas här: kurser, medlyssning, nya uppgifter, en mentor?",
                "Vad gör en arbetsdag bra för dig?",
            ],
        },
    },
    "coaching": {
        "name": {"en": "Coaching session", "nb": "Coachingsamtale", "sv": "Coachningssamtal"},
        "description": {
            "en": "One real customer interaction, listened to or read together and scored against the criteria.",
            "nb": "En ekte kundehenvendelse som dere lytter til eller leser sammen og vurderer etter kriteriene.",
            "sv": "Ett verkligt kundärende som ni lyssnar på eller läser tillsammans och bedömer mot kriterierna.",
        },
        "guiding_questions": {
            "en": [
                "What went well in this interaction?",
                "What would you do differently next time?",
                "Was the customer's need solved in the first contact? If not, why not?",
                "What is one thing you will practise before our next session?",
            ],
            "nb": [
                "Hva gikk bra i denne henvendelsen?",
                "Hva ville du gjort annerledes neste gang?",
                "Ble kundens behov løst i første kontakt? Hvis ikke, hvorfor ikke?",
                "Hva er én ting du vil øve på før neste coachingsamtale?",
            ],
            "sv": [
                "Vad gick bra i det här ärendet?",
                "Vad skulle du göra annorlunda nästa gång?",
                "Löstes kundens behov vid första kontakt? Om inte, varför inte?",
                "Vad är en sak du vill öva på före nästa coachningssamtal?",
            ],
        },
        "quality_criteria": {
            "en": [
                "Greeting and identification according to procedure",
                "Understood the customer's real need",
                "Correct and complete information",
                "Solved in the first contact",
                "Tone, empathy and clear language",
                "Compliance: documentation and required checks",
            ],
            "nb": [
                "Hilsen og legitimering etter rutinen",
                "Forstod kundens egentlige behov",
                "Riktig og fullstendig informasjon",
                "Løst i første kontakt",
                "Tone, empati og klart språk",
                "Etterlevelse: dokumentasjon og påkrevde kontroller",
            ],
            "sv": [
                "Hälsning och identifiering enligt rutinen",
                "Förstod kundens verkliga behov",
                "Korrekt och fullständig information",
                "Löst vid första kontakt",
                "Ton, empati och tydligt språk",
                "Regelefterlevnad: dokumentation och obligatoriska kontroller",
            ],
        },
    },
    "getting_to_know": {
        "name": {"en": "Getting-to-know conversation", "nb": "Bli kjent-samtale", "sv": "Lära känna-samtal"},
        "description": {
            "en": "The first talk with someone new in the team.",
            "nb": "Den første samtalen med en ny i teamet.",
            "sv": "Det första samtalet med en ny medarbetare i teamet.",
        },
        "guiding_questions": {
            "en": [
                "What did you do before you joined us?",
                "What motivates you at work, and what drains your energy?",
                "How do you like to receive feedback?",
                "Is there anything in your life outside work you would like me to know about?",
                "What are you good at that we might not know yet?",
            ],
            "nb": [
                "Hva gjorde du før du begynte hos oss?",
                "Hva motiverer deg på jobben, og hva tapper deg for energi?",
                "Hvordan liker du å få tilbakemeldinger?",
                "Er det noe i livet ditt utenfor jobben du vil at jeg skal vite om?",
                "Hva er du god på som vi kanskje ikke vet ennå?",
            ],
            "sv": [
                "Vad gjorde du innan du började hos oss?",
                "Vad motiverar dig på jobbet, och vad tar energi från dig?",
                "Hur vill du helst få återkoppling?",
                "Finns det något i ditt liv utanför jobbet som du vill att jag ska känna till?",
                "Vad är du bra på som vi kanske inte vet ännu?",
            ],
        },
    },
    "onboarding": {
        "name": {
            "en": "Onboarding check-in",
            "nb": "Oppfølging i opplæringen",
            "sv": "Avstämning under introduktionen",
        },
        "description": {
            "en": "A weekly check during the first weeks on the floor.",
            "nb": "En ukentlig oppfølging de første ukene på gulvet.",
            "sv": "En veckovis avstämning under de första veckorna i kundtjänsten.",
        },
        "guiding_questions": {
            "en": [
                "How was this week on the floor?",
                "Which kinds of enquiries still feel difficult?",
                "Is your buddy (floor walker) available when you need help?",
                "Do you have the system access and tools you need?",
                "What should we practise before next week?",
            ],
            "nb": [
                "Hvordan var denne uken på gulvet?",
                "Hvilke typer henvendelser føles fortsatt vanskelige?",
                "Er fadderen din tilgjengelig når du trenger hjelp?",
                "Har du de systemtilgangene og verktøyene du trenger?",
                "Hva bør vi øve på før neste uke?",
            ],
            "sv": [
                "Hur var den här veckan i kundtjänsten?",
                "Vilka typer av ärenden känns fortfarande svåra?",
                "Finns din handledare till hands när du behöver hjälp?",
                "Har du de systembehörigheter och verktyg du behöver?",
                "Vad ska vi öva på före nästa vecka?",
            ],
        },
    },
    "welcome_back": {
        "name": {
            "en": "Welcome-back conversation",
            "nb": "Velkommen tilbake-samtale",
            "sv": "Välkommen tillbaka-samtal",
        },
        "description": {
            "en": "After a long absence: what has changed and how to ease back in.",
            "nb": "Etter et lengre fravær: hva som har endret seg, og hvordan du kommer godt i gang igjen.",
            "sv": "Efter en längre frånvaro: vad som har ändrats och hur du kommer tillbaka i lugn takt.",
        },
        "guiding_questions": {
            "en": [
                "How are you, and how does it feel to be back?",
                "What has changed while you were away that we should go through?",
                "Do you need any refresher training or system updates?",
                "How would you like to ease back in: shifts, tasks, workload?",
            ],
            "nb": [
                "Hvordan har du det, og hvordan føles det å være tilbake?",
                "Hva har endret seg mens du var borte som vi bør gå gjennom?",
                "Trenger du oppfriskningskurs eller opplæring i systemendringer?",
                "Hvordan vil du helst komme i gang igjen: vakter, oppgaver, arbeidsmengde?",
            ],
            "sv": [
                "Hur mår du, och hur känns det att vara tillbaka?",
                "Vad har ändrats medan du var borta som vi bör gå igenom?",
                "Behöver du repetitionsutbildning eller genomgång av systemändringar?",
                "Hur vill du helst komma tillbaka: pass, uppgifter, arbetsbelastning?",
            ],
        },
    },
}
LANGUAGES = ("en", "nb", "sv")
FIELDS = ("name", "description", "guiding_questions", "quality_criteria")


def seed(apps, schema_editor):
    """Fill every language column (idempotent: the browser tests run it again after each flush)."""
    ConversationType = apps.get_model("coaching", "ConversationType")
    for kind, fields in TRANSLATIONS.items():
        values = {}
        for field, by_language in fields.items():
            for language in LANGUAGES:
                text = by_language[language]
                values[f"{field}_{language}"] = text if isinstance(text, str) else "\n".join(text)
        ConversationType.objects.filter(kind=kind).update(**values)


def unseed(apps, schema_editor):
    apps.get_model("coaching", "ConversationType").objects.update(
        **{f"{field}_{language}": None for field in FIELDS for language in LANGUAGES}
    )


class Migration(migrations.Migration):
    dependencies = [("coaching", "0005_conversation_type_translations")]

    operations = [migrations.RunPython(seed, unseed)]
