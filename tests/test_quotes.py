"""Direct speech inside paragraphs: found in every quotation mark, with its speaker."""

from __future__ import annotations

import pytest
import yaml

from audiocast.article import parse_article
from audiocast.importer import import_article, to_yaml
from audiocast.importer.quotes import inline_speech, people, quote_spans, resolve

# (paragraph, [(speech as written inside the marks, speaker or None), ...])
SPEECH = [
    # The verb after the quotation, the speaker after the verb.
    ('"Nafanya uandishi wa kitaaluma," anasema Amina Juma, mwandishi wa habari.',
     [("Nafanya uandishi wa kitaaluma,", "Amina Juma")]),
    ("\u201cBei ya mbolea imepanda mara mbili,\u201d alisema Waziri wa Kilimo Hussein Bakari.",
     [("Bei ya mbolea imepanda mara mbili,", "Hussein Bakari")]),
    ("\u201cTutajenga madarasa mapya kumi,\u201d alisema Dkt. Neema Kiwelu jana mjini Moshi.",
     [("Tutajenga madarasa mapya kumi,", "Neema Kiwelu")]),
    ("\u00abHatutarudi nyuma katika vita dhidi ya rushwa\u00bb, alisisitiza Bi. Zawadi Mrema.",
     [("Hatutarudi nyuma katika vita dhidi ya rushwa", "Zawadi Mrema")]),
    ("\u201eMvua zimechelewa mwaka huu,\u201c alieleza mkulima Petro Massawe wa Hai.",
     [("Mvua zimechelewa mwaka huu,", "Petro Massawe")]),
    ("\u2018Sisi hatuna maji safi kijijini,\u2019 alilalamika Mwanaisha Bakari.",
     [("Sisi hatuna maji safi kijijini,", "Mwanaisha Bakari")]),
    ("'Tunaomba serikali itusaidie,' alisema Bw. Musa Kitwana.",
     [("Tunaomba serikali itusaidie,", "Musa Kitwana")]),
    ("\u201cTimu imejiandaa vizuri,\u201d kocha Salum Mwinyi aliwaambia waandishi wa habari.",
     [("Timu imejiandaa vizuri,", "Salum Mwinyi")]),
    # Reported speech running on into a quoted fragment; the full stop inside the marks ends
    # the sentence, so the next one's verb ("inaeleza") speaks for no one here; "inaeleza
    # hali hiyo kama" names a phrase, not speech.
    ("Mhandisi Juma Tindwa anaonya kuwa bila ukarabati, 'daraja hili litaanguka.' Ripoti ya "
     'wizara inaeleza hali hiyo kama "hatari kwa wasafiri wote".',
     [("daraja hili litaanguka.", "Juma Tindwa")]),
    ('"Tulianza na mizinga mitatu tu," anasimulia mfugaji nyuki Rehema Swai.',
     [("Tulianza na mizinga mitatu tu,", "Rehema Swai")]),
    # A relative speech verb ("aliyeniambia", who told me) introduces the speech of the
    # person it follows.
    ("Nakumbuka maneno ya mvuvi mmoja wa Kilwa, Mzee Rashidi Bakari, aliyeniambia, 'Bahari "
     "haina deni, ila haisamehe.'",
     [("Bahari haina deni, ila haisamehe.", "Rashidi Bakari")]),
    # A colon after a sentence about a named person introduces speech with no verb.
    ("Nahodha wa timu, Musa Kombo, alikuwa na jibu fupi: \u201cTutarudi imara.\u201d",
     [("Tutarudi imara.", "Musa Kombo")]),
    # "alimalizia" (he ended with) introduces a „…“ quotation after a colon.
    ("Mzee Athumani Njau alimalizia kwa ombi moja: \u201eTunataka maji safi tu.\u201c Kisha "
     "akaondoka.", [("Tunataka maji safi tu.", "Athumani Njau")]),
    ("\u201cHali ni mbaya,\u201d Amina Juma aliiambia DW.",
     [("Hali ni mbaya,", "Amina Juma")]),
    ('"Tutaendelea na mgomo hadi tulipwe" anaongeza Juma Hamisi.',
     [("Tutaendelea na mgomo hadi tulipwe", "Juma Hamisi")]),
    ("\u201cWatoto wanahitaji chanjo kabla ya mvua,\u201d alionya Prof. Rehema Ally.",
     [("Watoto wanahitaji chanjo kabla ya mvua,", "Rehema Ally")]),
    ("\u201cSi kweli,\u201d alijibu Mbunge wa Lindi Mjini Hamida Abdallah.",
     [("Si kweli,", "Hamida Abdallah")]),
    ("\u201cMradi huu utakamilika Desemba,\u201d alisema Rais Ruto.",
     [("Mradi huu utakamilika Desemba,", "Ruto")]),
    # The speaker before the verb, with a colon, and speech over several sentences.
    ("Waziri wa Afya Amina Juma alisema: \u201cHospitali zote zitapata dawa. Hakuna "
     "mgonjwa atakayekosa huduma.\u201d",
     [("Hospitali zote zitapata dawa. Hakuna mgonjwa atakayekosa huduma.", "Amina Juma")]),
    ('Mkuu wa mkoa John Mollel aliwaambia wakazi: "Barabara itakamilika mwezi ujao."',
     [("Barabara itakamilika mwezi ujao.", "John Mollel")]),
    ("Akizungumza bungeni, Spika Tulia Mwansasu alisema \u201cmjadala huu umekwisha.\u201d",
     [("mjadala huu umekwisha.", "Tulia Mwansasu")]),
    ("Mwenyekiti wa chama Baraka Mushi alisisitiza kuwa \u00abuchaguzi utakuwa huru na wa "
     "haki\u00bb.",
     [("uchaguzi utakuwa huru na wa haki", "Baraka Mushi")]),
    ("Kwa mujibu wa Dkt. Faraji Omari, \u201cugonjwa huu unazuilika kwa chanjo.\u201d",
     [("ugonjwa huu unazuilika kwa chanjo.", "Faraji Omari")]),
    ("Kamanda wa polisi Fatuma Said aliwaambia waandishi wa habari kuwa \u201cwatuhumiwa "
     "watatu wamekamatwa\u201d.",
     [("watuhumiwa watatu wamekamatwa", "Fatuma Said")]),
    ("Mama huyo, Halima Rashidi, alisema hivi: \u2018Mwanangu alikwenda shule na hakurudi.\u2019",
     [("Mwanangu alikwenda shule na hakurudi.", "Halima Rashidi")]),
    # No named subject: the speaker is in the sentence before.
    ("Dkt. Neema Kiwelu anaeleza hali ilivyo. \u201cWagonjwa wanaongezeka kila wiki,\u201d "
     "anasema.",
     [("Wagonjwa wanaongezeka kila wiki,", "Neema Kiwelu")]),
    ("Mkulima Zuberi Ngowi ana shamba la ekari tano. \u201cMwaka huu sikuvuna kitu,\u201d "
     "alisema kwa huzuni.",
     [("Mwaka huu sikuvuna kitu,", "Zuberi Ngowi")]),
    ("Mwalimu mkuu Esther Minja alituonyesha madarasa. Alisema: \u201cTunahitaji madawati "
     "mia mbili.\u201d",
     [("Tunahitaji madawati mia mbili.", "Esther Minja")]),
    # A second quotation by the same speaker, and a speaker who continues.
    ("\u201cTumejipanga,\u201d alisema Kassim Hamza. \u201cTutashinda mechi hii.\u201d",
     [("Tumejipanga,", "Kassim Hamza"), ("Tutashinda mechi hii.", "Kassim Hamza")]),
    ("\u201cMaji yamefika,\u201d alisema Rose Mbwana. \u201cSasa tunahitaji umeme,\u201d "
     "aliongeza.",
     [("Maji yamefika,", "Rose Mbwana"), ("Sasa tunahitaji umeme,", "Rose Mbwana")]),
    # Two speakers in one paragraph.
    ("Juma Bakari alisema: \u201cBei iko juu.\u201d Naye Mariam Said akajibu: \u201cSi kweli "
     "hata kidogo.\u201d",
     [("Bei iko juu.", "Juma Bakari"), ("Si kweli hata kidogo.", "Mariam Said")]),
    # The speaker unnamed: no name is invented.
    ("\u201cTumesikia ahadi hizi tangu nikiwa kijana,\u201d alisema mzee mmoja wa Kondoa.",
     [("Tumesikia ahadi hizi tangu nikiwa kijana,", None)]),
    ('"Hatujapata mishahara kwa miezi mitatu," walisema wafanyakazi hao.',
     [("Hatujapata mishahara kwa miezi mitatu,", None)]),
    # Apostrophes inside words are not quotation marks.
    ("\u201cNg'ombe wetu wanakufa kwa kukosa maji,\u201d alisema mfugaji Lemayan Ole Saitoti.",
     [("Ng'ombe wetu wanakufa kwa kukosa maji,", "Lemayan Ole Saitoti")]),
    ("'Ng'ombe wa'sio na chanjo watazuiliwa mnadani,' alieleza afisa mifugo Daudi Laizer.",
     [("Ng'ombe wa'sio na chanjo watazuiliwa mnadani,", "Daudi Laizer")]),
    ("\u2018Ng\u2019ombe wameuzwa wote,\u2019 akasema Saning\u2019o Mollel.",
     [("Ng\u2019ombe wameuzwa wote,", "Saning\u2019o Mollel")]),
    # Speech amid narration, with the verb in other forms.
    ("Wakazi walikusanyika nje ya ofisi, wakisema \u201ctunataka majibu leo\u201d.",
     [("tunataka majibu leo", None)]),
    ("Waziri Omari Kombo amesema \u201cserikali haitaongeza kodi mwaka huu,\u201d na kuongeza "
     "kuwa bajeti itapitishwa wiki ijayo.",
     [("serikali haitaongeza kodi mwaka huu,", "Omari Kombo")]),
    ("\u201cHatutakubali,\u201d Rais wa chama cha walimu Leah Mushi alitangaza jana.",
     [("Hatutakubali,", "Leah Mushi")]),
    # Those spoken to after the verb are not its subject: the speaker is named before.
    ("Msemaji wa kampuni, Pierre-Olivier Ntare, amesema mradi utaendelea. \u201cHatuna "
     "sababu ya kusimama,\u201d aliwaambia wakandarasi jana.",
     [("Hatuna sababu ya kusimama,", "Pierre-Olivier Ntare")]),
    # A clause set off by a comma before the verb is no subject: "…, alisema:".
    ("Mkunga Rehema Sefu alifika mapema. Akizungumza na wakazi wa kijiji, alisema: "
     "\u201cTumeleta dawa za kutosha.\u201d",
     [("Tumeleta dawa za kutosha.", "Rehema Sefu")]),
    # "Mwl." (Mwalimu) is a title, not a name: the surname after it speaks.
    ("Mkuu wa shule, Mwalimu Tabitha Kisanga, alifungua maabara. \u2018Tuko tayari kupokea "
     "wanafunzi,\u2019 amesema Mwl. Kisanga.",
     [("Tuko tayari kupokea wanafunzi,", "Tabitha Kisanga")]),
    # Two people named together speak together: both are the speaker.
    ("Wakulima wa Mvomero na Kilosa, Asha Rajabu Mfinanga na Musa Ali, walisema mvua "
     "imechelewa. \u201cTumepanda mara mbili bila mafanikio,\u201d walisema kwa pamoja.",
     [("Tumepanda mara mbili bila mafanikio,", "Asha Rajabu Mfinanga na Musa Ali")]),
    ("Bi. Asha Mfinanga na Bw. Musa Ali walisema kwa pamoja: \u201cHatutaondoka hapa.\u201d",
     [("Hatutaondoka hapa.", "Asha Mfinanga na Musa Ali")]),
    # Three people listed together; a plural noun before the names is no part of them.
    ("Asha Said, Musa Ali na Juma Omar walisema kwa pamoja: \u201cTumechoka kusubiri.\u201d",
     [("Tumechoka kusubiri.", "Asha Said, Musa Ali na Juma Omar")]),
    ("Wakulima Juma Ali na Halima Said walisema: \u201cMbegu hazijafika.\u201d",
     [("Mbegu hazijafika.", "Juma Ali na Halima Said")]),
    # A crowd named after the plural verb is no pair named before it.
    ("Asha Mfinanga na Musa Ali walifika mapema. \u201cTunataka maji,\u201d walisema "
     "wakazi wengine.",
     [("Tunataka maji,", None)]),
    # A crowd speaks: no one person's name, not even one named just before.
    ("Mwenyekiti Saidi Mpili alifunga mkutano. \u201cTunataka barabara,\u201d walisema "
     "wakazi hao wakiondoka.",
     [("Tunataka barabara,", None)]),
]  # fmt: skip

# Quoted terms, titles, nicknames and phrases inside the narrator's sentence: no speech.
TERMS = [
    'Wanahabari wanaendesha kile kinachoitwa "uandishi wa kitaaluma" katika vyumba vya habari.',
    "Kitabu chake kipya, \u201cSafari ya Maisha\u201d, kinaeleza maisha ya wavuvi wa Kilwa.",
    "Kipindi cha \u201cJukwaa la Wakulima\u201d hurushwa kila Jumamosi asubuhi.",
    "Operesheni \u00abLinda Msitu\u00bb ilianza mwezi uliopita mkoani Morogoro.",
    "Mshambuliaji huyo, maarufu kama \u2018Simba wa Pwani\u2019, alifunga mabao mawili.",
    "Sheria ya \u201cHaki ya Kupata Taarifa\u201d ilipitishwa na bunge mwaka 2016.",
    'Wananchi wengi wanaiona hatua hiyo kama "mwanzo mpya" kwa mji wao.',
    "Baadhi walisema \u201c wamechoshwa \u201d na ahadi zisizotekelezwa.",
    "Kiongozi huyo aliongeza kuwa \u201cilikuwa inajitolea\u201d tayari kukabiliana na changamoto.",
    "Mradi wa \u201eKilimo Kwanza\u201c umewanufaisha wakulima wadogo.",
    "Wimbo wake 'Nyumbani Kwetu' umependwa sana na vijana.",
    "Serikali imeongeza bajeti ya \u201celimu bila malipo\u201d kwa asilimia kumi.",
    "Mwanamuziki huyo anayejulikana kwa jina la \u201cMzee wa Bongo\u201d amestaafu.",
    "Ng'ombe wa Bi. Sara walipotea, na wa'sio na alama hawakupatikana.",
]


@pytest.mark.parametrize(("paragraph", "expected"), SPEECH)
def test_direct_speech_is_found_with_its_speaker(
    paragraph: str, expected: list[tuple[str, str | None]]
) -> None:
    found = [(s.text, s.speaker) for s in inline_speech(paragraph)]
    assert found == expected
    for text, _ in found:
        assert text in paragraph  # the journalist's words, exactly


@pytest.mark.parametrize("paragraph", TERMS)
def test_quoted_terms_stay_with_the_narrator(paragraph: str) -> None:
    assert inline_speech(paragraph) == []


def test_apostrophes_inside_words_are_not_quotation_marks() -> None:
    assert quote_spans("Ng'ombe wa'sio na ng\u2019ombe walikufa.") == []


PAGE = """Wagonjwa wa malaria waongezeka Moshi
Na Juma Mussa
12 Machi 2024

Idadi ya wagonjwa wa malaria imeongezeka mkoani Kilimanjaro mwezi huu.

{body}
"""


def body_of(body: str) -> list[dict[str, object]]:
    article = import_article(PAGE.format(body=body)).article
    blocks: list[dict[str, object]] = article["body"]
    return blocks


def test_the_importer_writes_speech_under_its_paragraph() -> None:
    paragraph = (
        "Dkt. Neema Kiwelu anaeleza hali ilivyo. \u201cWagonjwa wanaongezeka kila wiki,\u201d "
        "anasema. Hospitali ina vitanda thelathini tu."
    )
    result = import_article(PAGE.format(body=paragraph))
    assert result.article["body"] == [
        {"paragraph": paragraph,
         "quotes": [{"text": "Wagonjwa wanaongezeka kila wiki,", "speaker": "Neema Kiwelu"}]},
    ]  # fmt: skip
    written = to_yaml(result.article).splitlines()
    at = written.index(f"- paragraph: {paragraph}")
    assert written[at + 1 : at + 4] == [
        "  quotes:",
        "  - text: Wagonjwa wanaongezeka kila wiki,",
        "    speaker: Neema Kiwelu",
    ]
    assert parse_article(yaml.safe_load("\n".join(written))) == parse_article(result.article)


def test_a_paragraph_without_speech_has_no_quotes() -> None:
    paragraph = "Mradi wa \u201cKilimo Kwanza\u201d umewanufaisha wakulima wadogo wa wilaya hiyo."
    assert body_of(paragraph) == [{"paragraph": paragraph}]


def test_a_paragraph_wholly_one_quotation_stays_a_quote_block() -> None:
    blocks = body_of(
        "Mkuu wa mkoa Amina Juma alisema:\n\n\u201cTutaanza na wilaya tatu.\u201d\n\n"
        "Wakazi walipokea habari hiyo kwa furaha."
    )
    assert blocks[:1] == [
        {"quote": "Tutaanza na wilaya tatu.", "speaker": "Amina Juma",
         "attribution": "Mkuu wa mkoa Amina Juma alisema:"},
    ]  # fmt: skip


def test_speech_over_several_paragraphs_keeps_its_speaker() -> None:
    # Each paragraph of the speech opens with a mark; only the last one closes.
    blocks = body_of(
        "Mkuu wa mkoa Amina Juma aliwaambia wakazi:\n\n"
        "\u201cTutaanza na wilaya tatu mwezi huu.\n\n"
        "\u201cKisha tutafika kila kijiji kabla ya mvua,\u201d aliongeza.\n\n"
        "Wakazi walipokea habari hiyo kwa furaha."
    )
    assert blocks == [
        {"quote": "Tutaanza na wilaya tatu mwezi huu.", "speaker": "Amina Juma",
         "attribution": "Mkuu wa mkoa Amina Juma aliwaambia wakazi:"},
        {"paragraph": "\u201cKisha tutafika kila kijiji kabla ya mvua,\u201d aliongeza.",
         "quotes": [{"text": "Kisha tutafika kila kijiji kabla ya mvua,",
                     "speaker": "Amina Juma"}]},
        {"paragraph": "Wakazi walipokea habari hiyo kwa furaha."},
    ]  # fmt: skip


def test_a_quote_paragraph_after_running_speech_keeps_the_speaker() -> None:
    blocks = body_of(
        "Katibu Baraka Mushi alisema: \u201cTumepokea malalamiko mengi.\n\n"
        "\u201cTutayashughulikia yote kabla ya mwisho wa mwezi.\u201d\n\n"
        "Wakazi walipokea habari hiyo kwa furaha."
    )
    assert blocks[1] == {
        "quote": "Tutayashughulikia yote kabla ya mwisho wa mwezi.",
        "speaker": "Baraka Mushi",
    }
    assert blocks[0]["quotes"] == [
        {"text": "Tumepokea malalamiko mengi.", "speaker": "Baraka Mushi"}
    ]


# --- Speakers called by a surname, a title and surname, or a nickname -----------------------

# (earlier text of the story, paragraph with speech, the speaker a listener should hear)
CALLED_SHORT = [
    # The full name earlier in the same paragraph.
    (
        "",
        "Mvuvi Hamadi Shaibu Kombo alieleza hali ilivyo. \u201cTunarudi mikono mitupu,\u201d "
        "alisema Kombo.",
        "Hamadi Shaibu Kombo",
    ),
    # A title, or several, before the surname.
    (
        "Mganga mkuu wa wilaya, Dkt. Zawadi Lyatuu, alitembelea zahanati ya Mkomazi.",
        "\u201cDawa zimefika,\u201d alisema Dkt. Lyatuu.",
        "Zawadi Lyatuu",
    ),
    (
        "Msemaji wa jeshi Luteni Kanali Faustine Mbwambo aliwasili jana.",
        "\u201cHali ni shwari,\u201d alisisitiza Luteni Kanali Mbwambo.",
        "Faustine Mbwambo",
    ),
    (
        "Mkuu wa mkoa Bw Kassim Lugendo alizindua mradi huo.",
        "\u201cKila kaya itapata maji,\u201d alieleza Bw Lugendo.",
        "Kassim Lugendo",
    ),
    # A name whose surname comes first, and a first name, when no full name ends with it.
    (
        "Mtaalamu wa kilimo kutoka China, Bw. Liu Yang, aliwafundisha wakulima.",
        "\u201cMbegu bora ni mwanzo tu,\u201d amesema Bw. Liu.",
        "Liu Yang",
    ),
    (
        "Mwimbaji Saida Mohamed alipanda jukwaani mara ya kwanza.",
        "\u2018Nilianza nikiwa mtoto,\u2019 alieleza Saida.",
        "Saida Mohamed",
    ),
    # A surname is preferred to a first name, however near the first name is.
    (
        "Diwani Ali Juma alifika mapema. Baadaye Juma Hassan aliwasili.",
        "\u201cTumekubaliana,\u201d alisema Juma.",
        "Ali Juma",
    ),
    # Nicknames, in any of the ways a story gives them.
    (
        "Mshambuliaji Iddi Bakari, maarufu kama \u201cKiberenge\u201d, alifunga mara mbili.",
        "\u201cMabao haya ni ya mashabiki,\u201d alisema Kiberenge.",
        "Iddi Bakari",
    ),
    (
        "Bondia Rashidi Mfaume 'Simba' alishinda pambano hilo.",
        "\u201cNilijiandaa miezi sita,\u201d alisema Simba.",
        "Rashidi Mfaume",
    ),
    (
        "Mwanariadha Neema Sulle (Swala) alimaliza wa kwanza.",
        "\u201cUpepo ulikuwa mkali,\u201d alisema Swala.",
        "Neema Sulle",
    ),
    # A name never given in full stays as written.
    ("Wakazi walikusanyika sokoni.", "\u201cHatuna maji,\u201d alisema Mwanaisha.", "Mwanaisha"),
]


# (the paragraph before, paragraph with speech, speaker): a verb with no name of its own
# speaks for the person the paragraph is about, however briefly it names them.
SUBJECT_BEFORE = [
    # A surname as the subject, the full name only in the paragraph before.
    (
        "Wagombea ni Joseph Kamau wa chama tawala na Grace Wanjiru wa upinzani.",
        "Kamau alilalamikia ucheleweshaji wa karatasi. Akizungumza baadaye, alisema: "
        "\u201cTumesubiri tangu alfajiri.\u201d",
        "Joseph Kamau",
    ),
    # The paragraph's own subject, after an opening clause, before anyone named earlier.
    (
        "Grace Wanjiru alikutana na mkaguzi Daudi Mrisho jana.",
        "Akijibu hoja hizo, Wanjiru aliahidi kurejesha fedha. \u201cSitaficha kitu,\u201d "
        "aliongeza.",
        "Grace Wanjiru",
    ),
    # A nickname between the subject and the verb.
    (
        "Msemaji wa polisi, Daudi Mrisho, alikanusha madai hayo. Wagombea ni Joseph Kamau "
        "na Grace Wanjiru.",
        "Kamau, anayejulikana kama \u201cSimba wa Milima\u201d, alipiga kura mapema. "
        "\u201cTutashinda kwa amani,\u201d aliongeza.",
        "Joseph Kamau",
    ),
    (
        "Beki Peter Okello alifunga bao la pili kwa pasi ya Yusuf Lema.",
        "Okello, ambaye wenzake humwita \u201cJiwe\u201d, alisema ni siku njema. "
        "\u201cNimefurahi sana,\u201d alisema.",
        "Peter Okello",
    ),
    # A short aside between the subject and the verb: the subject still speaks.
    (
        "Ushindi ulikwenda kwa Janeth Akinyi mbele ya Rose Chebet Wambui.",
        "\u201cNilikuwa tayari,\u201d alisema Akinyi. Wambui, kwa upande wake, alikiri "
        "kuwa hakujiandaa vya kutosha: \u201cNitarudi mwakani.\u201d",
        "Rose Chebet Wambui",
    ),
    # A team or a place the paragraph is about is no speaker.
    (
        "Kocha Hassan Mwinyi aliongoza mazoezi ya mwisho.",
        "Yanga, ambayo ilishinda jana, itacheza Jumamosi. \u201cTutashinda tena,\u201d alisema.",
        "Hassan Mwinyi",
    ),
    # A person named only by what they are has no name to give.
    (
        "Wazazi walikusanyika shuleni.",
        "Mtoto alisimama mbele ya wageni. \u201cNataka kuwa daktari,\u201d alisema.",
        None,
    ),
    # A subject with a negative verb ("hakukubali") is still the person the paragraph is
    # about; a comma after the verb ends its clause, so "akieleza" is not its subject.
    (
        "Bi. Rehema Mushi ni mfugaji wa kuku wilayani Hai.",
        "Bi. Mushi hakukubali hoja hiyo. Anasema chakula cha kuku kimepanda bei. \u2018Hatuwezi "
        "kuendelea hivi,\u2019 alilalamika, akieleza kuwa wengi wameacha ufugaji.",
        "Rehema Mushi",
    ),
    # "Mvuvi huyo" points back past the lecturer named just before to the fisher.
    (
        "Bw. Salim Mponda anavua samaki Kilwa. Mhadhiri Neema Lyatuu anasema bei ya nyavu "
        "imepanda.",
        "Mvuvi huyo aliongeza kwa ombi: \u201eTupunguziwe kodi ya nyavu.\u201c",
        "Salim Mponda",
    ),
    # Words inside an earlier quotation are no one: a crowd's sentence names no speaker.
    (
        "\u201cAsante Mungu kwa ushindi huu,\u201d alisema Omari.",
        "Mamia ya wakazi walikusanyika sokoni. \u201cTumefurahi sana,\u201d alisema.",
        None,
    ),
]


@pytest.mark.parametrize(("earlier", "paragraph", "speaker"), SUBJECT_BEFORE)
def test_speech_with_no_name_goes_to_the_person_the_paragraph_is_about(
    earlier: str, paragraph: str, speaker: str | None
) -> None:
    cast = people(earlier)[::-1]
    assert [s.speaker for s in inline_speech(paragraph, earlier, None, cast)][-1:] == [speaker]


def test_people_are_never_found_inside_quotation_marks() -> None:
    assert people("\u201cAsante Mungu Baba,\u201d alisema Omari Said.") == [
        ("Omari Said", "Omari Said")
    ]


@pytest.mark.parametrize(("earlier", "paragraph", "speaker"), CALLED_SHORT)
def test_a_speaker_called_short_gets_the_full_name_given_before(
    earlier: str, paragraph: str, speaker: str
) -> None:
    cast = people(earlier)[::-1]
    assert [s.speaker for s in inline_speech(paragraph, earlier, None, cast)] == [speaker]


# (paragraph, speaker): words before a name that are not part of it
NOT_PART_OF_THE_NAME = [
    ("Mfanyakazi Rehema Kiondo alieleza: \u201cSijalipwa kwa miezi miwili.\u201d", "Rehema Kiondo"),
    ("\u201cDhahabu imepungua,\u201d alisema Mchimbaji Paulo Sanga.", "Paulo Sanga"),
    ("\u201cTulishindwa mapema,\u201d alieleza kocha wa Simba Queens Asha Kombo.", "Asha Kombo"),
    (
        "Naibu Waziri wa Vijana na Ajira Omari Lukwaro alisema: \u201cNafasi zipo.\u201d",
        "Omari Lukwaro",
    ),
    # A parent or a witness is what they are, not their name.
    (
        "Mzazi Zainabu Hemedi alifika shuleni mapema. \u201cNimefurahi sana,\u201d alisema.",
        "Zainabu Hemedi",
    ),
    ("Shuhuda Musa Kiondo alieleza: \u201cNiliona moto ukianza.\u201d", "Musa Kiondo"),
    # An apostrophe that ends a name is part of it, and no quotation mark.
    (
        "Msemaji wa bodi, Bi Akinyi Achieng' Otieno, alisema: \u201cTuko tayari.\u201d",
        "Akinyi Achieng' Otieno",
    ),
]


@pytest.mark.parametrize(("paragraph", "speaker"), NOT_PART_OF_THE_NAME)
def test_occupations_teams_and_offices_are_not_part_of_the_speaker(
    paragraph: str, speaker: str
) -> None:
    assert [s.speaker for s in inline_speech(paragraph)] == [speaker]


def test_the_subject_before_the_verb_introduces_speech_after_a_colon() -> None:
    # "inaendelea" is a speech verb too, but its subject is the forest, not a person.
    paragraph = (
        "Kamishna wa misitu Bi. Rehema Tarimo alipinga ombi hilo. Bi. Tarimo alisisitiza kuwa "
        "miti inaendelea kukatwa kila siku: \u201cMsitu huu utatoweka.\u201d"
    )
    assert [(s.text, s.speaker) for s in inline_speech(paragraph)] == [
        ("Msitu huu utatoweka.", "Rehema Tarimo")
    ]


def test_a_short_name_resolves_to_its_fullest_form() -> None:
    # "Juma Kiraka" in a later paragraph is the lead's "Ali Juma Kiraka".
    cast = [("Juma Kiraka", "Juma Kiraka"), ("Ali Juma Kiraka", "Ali Juma Kiraka")]
    assert resolve("Kiraka", cast) == "Ali Juma Kiraka"
    assert resolve("Juma Kiraka", cast) == "Ali Juma Kiraka"


def test_the_importer_names_a_speaker_from_the_lead_and_the_title() -> None:
    page = PAGE.replace(
        "Idadi ya wagonjwa wa malaria imeongezeka mkoani Kilimanjaro mwezi huu.",
        "Mganga mkuu wa mkoa, Dkt. Faraji Msuya, amesema wagonjwa wameongezeka mwezi huu.",
    ).replace(
        "Wagonjwa wa malaria waongezeka Moshi",
        "Mkunga Zuhura Hamisi \u2018Mama Moshi\u2019 astaafu",
    )
    body = (
        "Hospitali zimepokea vyandarua elfu kumi.\n\n"
        "\u201cKila mjamzito atapata chandarua,\u201d alisema Dkt. Msuya.\n\n"
        "\u201cNimezalisha watoto elfu tatu,\u201d alisema Mama Moshi."
    )
    blocks = import_article(page.format(body=body)).article["body"]
    assert [q["speaker"] for b in blocks for q in b.get("quotes", ())] == [
        "Faraji Msuya",
        "Zuhura Hamisi",
    ]


def test_a_quote_block_introduced_by_a_surname_gets_the_full_name() -> None:
    blocks = body_of(
        "Mkuu wa wilaya Bw. Selemani Mwakyusa alitembelea eneo hilo jana. Bw. Mwakyusa "
        "aliwaambia wakazi:\n\n\u201cDaraja jipya litajengwa kabla ya mvua.\u201d"
    )
    assert blocks[-1] == {
        "quote": "Daraja jipya litajengwa kabla ya mvua.",
        "speaker": "Selemani Mwakyusa",
        "attribution": "Bw. Mwakyusa aliwaambia wakazi:",
    }


def test_a_quote_block_two_people_said_together_names_both() -> None:
    blocks = body_of(
        "Wavuvi wa Kilwa walikutana na maafisa wa wilaya jana. Viongozi wao, Asha Rajabu "
        "na Musa Bakari, walisema kwa pamoja:\n\n\u201cTunaomba kodi ya mafuta ipunguzwe.\u201d"
    )
    assert blocks[-1]["speaker"] == "Asha Rajabu na Musa Bakari"


def test_a_story_that_opens_with_speech_lists_it_under_summary_quotes() -> None:
    lead = (
        "\u201cHatutakubali shule hii ifungwe,\u201d alisema Mwenyekiti wa kijiji Salma "
        "Hamisi, akiwaongoza wazazi kwenye mkutano wa hadhara jana."
    )
    page = PAGE.replace(
        "Idadi ya wagonjwa wa malaria imeongezeka mkoani Kilimanjaro mwezi huu.", lead
    ).format(body="Wazazi hao walikusanya sahihi mia tano kupinga uamuzi huo.")
    article = import_article(page).article
    assert article["summary"] == lead
    assert article["summary_quotes"] == [
        {"text": "Hatutakubali shule hii ifungwe,", "speaker": "Salma Hamisi"}
    ]
    written = to_yaml(article)
    assert written.index("summary:") < written.index("summary_quotes:") < written.index("body:")
    assert parse_article(yaml.safe_load(written)).summary_quotes[0].speaker == "Salma Hamisi"


def test_a_short_line_ending_in_quoted_speech_is_no_heading() -> None:
    blocks = body_of(
        "Timu ya Pwani ilipoteza mchezo wa jana kwa mabao mawili.\n\n"
        "Nahodha wake, Musa Kombo, alikuwa na jibu fupi: \u201cTutarudi imara.\u201d\n\n"
        "Mchezo ujao utachezwa Jumamosi mjini Tanga."
    )
    assert blocks[1]["quotes"] == [{"text": "Tutarudi imara.", "speaker": "Musa Kombo"}]


def test_a_slogan_standing_alone_in_quotation_marks_is_no_quote_block() -> None:
    blocks = body_of("Wananchi wanaombwa kutunza vyanzo vya maji.\n\n\u201cTUNZA MAZINGIRA\u201d")
    assert blocks[-1] == {"paragraph": "\u201cTUNZA MAZINGIRA\u201d"}
