"""A bank contact centre's three-week base training as a ready checklist template, in English,
Norwegian Bokmål and Swedish: before the start (headset, system accounts), the classroom with a
trainer (systems, products, anti-money laundering, GDPR, complaints), the floor with a floor walker who
listens to calls and checks compliance, and check-ins with the team leader at the end of week 1,
week 3, day 30 and day 90. HR edits it (or copies it) on the templates page.

Wording follows locale/glossary.nb.md and locale/glossary.sv.md.
"""

from django.db import migrations

LANGUAGES = ("en", "nb", "sv")

TEMPLATE = {
    "name": {
        "en": "Base training: customer service (three weeks)",
        "nb": "Grunnopplæring: kundeservice (tre uker)",
        "sv": "Grundutbildning: kundtjänst (tre veckor)",
    },
    "description": {
        "en": "Classroom with a trainer, then the floor with a floor walker who listens to calls and checks "
        "compliance, and check-ins with the team leader until day 90.",
        "nb": "Klasserom med instruktør, så ut på gulvet med en fadder som lytter på samtaler og sjekker at "
        "regelverket følges, og oppfølging med teamlederen frem til dag 90.",
        "sv": "Klassrum med utbildare, sedan ut på golvet med en fadder som lyssnar på samtal och kontrollerar "
        "att regelverket följs, och avstämningar med teamledaren fram till dag 90.",
    },
}

# phase, responsible, offset, day count, compliance, check-in, title, description (each en, nb, sv)
TASKS = [
    (
        "before_start", "it", -10, "working", False, False,
        ("Order headset and workstation", "Bestill hodesett og arbeidsplass", "Beställ headset och arbetsplats"),
        ("A headset with noise cancelling and a desk on the team's row.",
         "Hodesett med støydemping og en pult på teamets rad.",
         "Headset med brusreducering och en plats vid teamets bordsrad."),
    ),
    (
        "before_start", "it", -5, "working", False, False,
        ("Create system accounts", "Opprett brukerkontoer", "Skapa användarkonton"),
        ("Customer system, telephony and chat, core banking read access and e-mail.",
         "Kundesystem, telefoni og chat, lesetilgang til kjernebanksystemet og e-post.",
         "Kundsystem, telefoni och chatt, läsbehörighet i kärnbankssystemet och e-post."),
    ),
    (
        "before_start", "hr", -7, "calendar", False, False,
        ("Send the welcome letter", "Send velkomstbrevet", "Skicka välkomstbrevet"),
        ("First day: time, entrance, who meets them, what to bring.",
         "Første dag: tidspunkt, inngang, hvem som tar imot og hva de skal ha med.",
         "Första dagen: tid, entré, vem som tar emot och vad de ska ta med."),
    ),
    (
        "before_start", "trainer", -5, "working", False, False,
        ("Book a classroom seat and the training material", "Reserver plass i klasserommet og opplæringsmateriell",
         "Boka plats i klassrummet och utbildningsmaterial"),
        ("", "", ""),
    ),
    (
        "before_start", "leader", -3, "working", False, False,
        ("Name a floor walker and tell the team", "Velg en fadder og fortell teamet om den nye kollegaen",
         "Utse en fadder och berätta för teamet om den nya kollegan"),
        ("", "", ""),
    ),
    (
        "classroom", "leader", 0, "calendar", False, False,
        ("Welcome: the bank, the team and the first three weeks", "Velkommen: banken, teamet og de tre første ukene",
         "Välkommen: banken, teamet och de tre första veckorna"),
        ("", "", ""),
    ),
    (
        "classroom", "new_hire", 0, "working", False, False,
        ("Log in to every system and check your access", "Logg inn i alle systemene og sjekk tilgangene dine",
         "Logga in i alla system och kontrollera dina behörigheter"),
        ("Tell IT at once if a login does not work.",
         "Si fra til IT med en gang hvis en innlogging ikke virker.",
         "Säg till IT direkt om en inloggning inte fungerar."),
    ),
    (
        "classroom", "trainer", 2, "working", False, False,
        ("Product module: accounts, cards and payments", "Produktmodul: konto, kort og betaling",
         "Produktmodul: konton, kort och betalningar"),
        ("", "", ""),
    ),
    (
        "classroom", "new_hire", 3, "working", True, False,
        ("Complete the anti-money laundering (AML) module", "Fullfør modulen om antihvitvasking (AML)",
         "Slutför modulen om penningtvätt (AML)"),
        ("Know your customer, suspicious transactions and when to report.",
         "Kundekontroll, mistenkelige transaksjoner og når du skal rapportere.",
         "Kundkännedom, misstänkta transaktioner och när du ska rapportera."),
    ),
    (
        "classroom", "new_hire", 4, "working", True, False,
        ("Complete the GDPR and confidentiality module", "Fullfør modulen om GDPR og taushetsplikt",
         "Slutför modulen om GDPR och sekretess"),
        ("", "", ""),
    ),
    (
        "classroom", "new_hire", 5, "working", True, False,
        ("Complete the complaints handling module", "Fullfør modulen om klagebehandling",
         "Slutför modulen om klagomålshantering"),
        ("How a complaint is recognised, logged and answered in time.",
         "Hvordan en klage gjenkjennes, registreres og besvares i tide.",
         "Hur ett klagomål känns igen, registreras och besvaras i tid."),
    ),
    (
        "classroom", "trainer", 6, "working", True, False,
        ("Identity verification drill", "Øvelse i identitetskontroll", "Övning i identitetskontroll"),
        ("Every caller verified before any account detail is given.",
         "Alle som ringer skal være verifisert før noen kontoopplysninger gis.",
         "Alla som ringer ska vara verifierade innan några kontouppgifter lämnas."),
    ),
    (
        "classroom", "leader", 4, "working", False, True,
        ("Check-in at the end of week 1", "Oppfølging ved slutten av uke 1", "Avstämning i slutet av vecka 1"),
        ("How the first week felt, what is clear and what is not yet.",
         "Hvordan den første uken har vært, hva som er klart og hva som ikke er det ennå.",
         "Hur den första veckan har varit, vad som är klart och vad som inte är det än."),
    ),
    (
        "classroom", "trainer", 8, "working", False, False,
        ("Test calls in the training environment", "Testsamtaler i opplæringsmiljøet", "Testsamtal i utbildningsmiljön"),
        ("", "", ""),
    ),
    (
        "on_the_floor", "floor_walker", 10, "working", False, False,
        ("Shadowing: listen to live calls with the floor walker", "Medlytt: lytt på samtaler sammen med fadderen",
         "Medlyssning: lyssna på samtal tillsammans med faddern"),
        ("", "", ""),
    ),
    (
        "on_the_floor", "new_hire", 11, "working", False, False,
        ("First calls with the floor walker listening in", "De første samtalene med fadderen som lytter",
         "De första samtalen med faddern som lyssnar"),
        ("", "", ""),
    ),
    (
        "on_the_floor", "floor_walker", 13, "working", True, False,
        ("Compliance check of five calls", "Sjekk fem samtaler mot regelverket", "Kontrollera fem samtal mot regelverket"),
        ("Identity verified, AML questions asked where needed, complaints logged.",
         "Identitet kontrollert, spørsmål om hvitvasking stilt der det trengs, klager registrert.",
         "Identitet kontrollerad, frågor om penningtvätt ställda där det behövs, klagomål registrerade."),
    ),
    (
        "on_the_floor", "floor_walker", 14, "working", False, False,
        ("Feedback from the floor walker", "Tilbakemelding fra fadderen", "Återkoppling från faddern"),
        ("", "", ""),
    ),
    (
        "on_the_floor", "leader", 14, "working", False, True,
        ("Check-in at the end of week 3", "Oppfølging ved slutten av uke 3", "Avstämning i slutet av vecka 3"),
        ("Ready to take calls alone? What support is still needed?",
         "Klar til å ta samtaler alene? Hvilken støtte trengs fortsatt?",
         "Redo att ta samtal på egen hand? Vilket stöd behövs fortfarande?"),
    ),
    (
        "first_90_days", "leader", 30, "calendar", False, True,
        ("Check-in on day 30", "Oppfølging på dag 30", "Avstämning dag 30"),
        ("", "", ""),
    ),
    (
        "first_90_days", "leader", 30, "calendar", False, False,
        ("Agree the first goals together", "Bli enige om de første målene sammen", "Kom överens om de första målen tillsammans"),
        ("", "", ""),
    ),
    (
        "first_90_days", "leader", 90, "calendar", False, True,
        ("Check-in on day 90", "Oppfølging på dag 90", "Avstämning dag 90"),
        ("Looking back at the first three months and ahead to the next.",
         "Et tilbakeblikk på de tre første månedene og veien videre.",
         "En tillbakablick på de tre första månaderna och vägen framåt."),
    ),
    (
        "first_90_days", "hr", 90, "calendar", False, False,
        ("Ask for feedback on the onboarding", "Be om tilbakemelding på opplæringen", "Be om återkoppling på introduktionen"),
        ("", "", ""),
    ),
]


def _languages(field, texts):
    return {field: texts[0], **{f"{field}_{code}": text for code, text in zip(LANGUAGES, texts, strict=True)}}


def seed(apps, schema_editor):
    """Create the template once (idempotent: the browser tests run it again after each flush; a
    template HR has changed is left as it is)."""
    ChecklistTemplate = apps.get_model("onboarding", "ChecklistTemplate")
    TemplateTask = apps.get_model("onboarding", "TemplateTask")
    ConversationType = apps.get_model("coaching", "ConversationType")
    if ChecklistTemplate.objects.filter(name_en=TEMPLATE["name"]["en"]).exists():
        return
    template = ChecklistTemplate.objects.create(
        **_languages("name", [TEMPLATE["name"][code] for code in LANGUAGES]),
        **_languages("description", [TEMPLATE["description"][code] for code in LANGUAGES]),
    )
    check_in = ConversationType.objects.filter(kind="onboarding").first()
    TemplateTask.objects.bulk_create(
        TemplateTask(
            template=template,
            position=position,
            phase=phase,
            responsible=responsible,
            offset_days=offset,
            day_count=day_count,
            is_compliance=compliance,
            check_in_type=check_in if is_check_in else None,
            **_languages("title", title),
            **_languages("description", description),
        )
        for position, (phase, responsible, offset, day_count, compliance, is_check_in, title, description) in enumerate(
            TASKS, start=1
        )
    )


def unseed(apps, schema_editor):
    apps.get_model("onboarding", "ChecklistTemplate").objects.filter(name_en=TEMPLATE["name"]["en"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_initial"),
        ("coaching", "0006_seed_conversation_type_translations"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
