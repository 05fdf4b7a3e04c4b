"""Swahili words a newsreader says: number words, months and days (data only)."""

from __future__ import annotations

UNITS = ("sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa")
TENS = {
    10: "kumi",
    20: "ishirini",
    30: "thelathini",
    40: "arobaini",
    50: "hamsini",
    60: "sitini",
    70: "sabini",
    80: "themanini",
    90: "tisini",
}
HUNDRED = "mia"
THOUSAND = "elfu"
HUNDRED_THOUSAND = "laki"
# Each large scale word stands before its count: milioni arobaini na sita.
SCALES = ((10**12, "trilioni"), (10**9, "bilioni"), (10**6, "milioni"))
AND = "na"

MONTHS = (
    "Januari",
    "Februari",
    "Machi",
    "Aprili",
    "Mei",
    "Juni",
    "Julai",
    "Agosti",
    "Septemba",
    "Oktoba",
    "Novemba",
    "Desemba",
)
DAYS = ("Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili")
DATE_WORD = "tarehe"
YEAR_WORD = "mwaka"

# Words around numbers: 34.88 = thelathini na nne nukta nane nane; hasi tano.
POINT = "nukta"
MINUS = "hasi"
RANGE_FROM = "kutoka"
RANGE_TO = "hadi"
# Written around a range of times and kept: "kuanzia 14:00 mpaka 16:30".
RANGE_FROM_WORDS = (RANGE_FROM, "kuanzia")
RANGE_TO_WORDS = (RANGE_TO, "mpaka")  # also between the ends of a range: watu 3 hadi 5
BY = "kwa"  # scores and rates: tatu kwa moja, saa ishirini na nne kwa siku saba
PERCENT = "asilimia"
FISCAL_YEAR = "mwaka wa fedha"
# Only 1 and 2 have ordinal words (wa kwanza, wa pili); then the number: wa tatu, wa nne.
ORDINALS = {1: "kwanza", 2: "pili"}
HOUR = "saa"
MINUTE = "dakika"
SECOND = "sekunde"
# Swahili clock fractions: saa mbili na nusu, saa tatu na robo; :45 is a quarter short of
# the next hour (saa nne kasoro robo).
CLOCK_FRACTIONS = {15: "robo", 30: "nusu"}
SHORT_OF = "kasoro"
QUARTER_SHORT = 45
# Swahili time counts the hours from sunrise and sunset: 7:00 and 19:00 are saa moja.
SWAHILI_CLOCK_SHIFT = 6
# A verse reference (Yohana 3:16): sura ya tatu mstari wa kumi na sita.
CHAPTER = "sura ya"
VERSE = "mstari wa"
# Goals (ji-/ma- class): both counts agree after "mabao" (mabao matatu kwa mawili), "bao moja".
GOALS = "mabao"
GOAL = "bao"

# A unit word (1-9) said right after a plural noun agrees with the noun's class: watu watatu,
# miaka mitatu, mabao matatu, vitabu vitatu. 6, 7, 9 and 10 never change; n- and u- class
# nouns take the counting forms (siku tatu), and animate nouns of any class agree like
# watu (askari wawili, ng'ombe watatu). Keys are the class prefixes of the plural.
AGREEMENT = {
    "wa": {"moja": "mmoja", "mbili": "wawili", "tatu": "watatu", "nne": "wanne",
           "tano": "watano", "nane": "wanane"},
    "mi": {"moja": "mmoja", "mbili": "miwili", "tatu": "mitatu", "nne": "minne",
           "tano": "mitano", "nane": "minane"},
    "ma": {"mbili": "mawili", "tatu": "matatu", "nne": "manne", "tano": "matano",
           "nane": "manane"},
    "vi": {"moja": "kimoja", "mbili": "viwili", "tatu": "vitatu", "nne": "vinne",
           "tano": "vitano", "nane": "vinane"},
}  # fmt: skip
# Plural nouns of the news, by class, after which a count agrees (AGREEMENT). Only listed
# nouns: a prefix alone misleads ("wa" is also "of"; mara, maili, milioni and vita
# take counting forms). The "n" nouns only mark a count for dotted thousands (kura 1.500).
COUNTED_NOUNS = {
    "wa": ("watu", "wanafunzi", "wakulima", "wagonjwa", "wanawake", "wanaume", "watoto",
           "wachezaji", "wabunge", "wanajeshi", "wafanyakazi", "wakazi", "wananchi",
           "wafungwa", "walimu", "madaktari", "wauguzi", "wanachama", "wajumbe", "wagombea",
           "wapiga kura", "waandishi", "wavuvi", "wafugaji", "wafanyabiashara", "wahamiaji",
           "wakimbizi", "waathirika", "watuhumiwa", "washtakiwa", "watalii", "wasichana",
           "wavulana", "wanariadha", "vijana", "askari", "polisi", "abiria", "raia", "ng'ombe",
           "mbuzi", "maafisa", "mawaziri", "madiwani", "majeruhi", "viongozi", "wazazi",
           "wasanii", "wafuasi", "wanasiasa", "wapinzani", "watumishi", "wataalamu",
           "wachimbaji", "wanafamilia",
           # singular, for one: mtu mmoja, mwanafunzi mmoja
           "mtu", "mtoto", "mwanafunzi", "mkulima", "mgonjwa", "mwanamke", "mwanaume",
           "mchezaji", "mbunge", "mwanajeshi", "mfanyakazi", "mkazi", "mwananchi", "mwalimu",
           "mtuhumiwa", "mshtakiwa", "mwanachama"),
    "mi": ("miaka", "miezi", "mikoa", "miji", "mitaa", "miradi", "miti", "mikataba",
           "mikutano", "misikiti", "mipango", "michezo", "mifuko", "mikopo", "mito", "milima",
           "mwaka", "mwezi", "mkoa", "mji", "mradi", "mkataba", "mkutano", "mchezo"),
    "ma": ("magari", "mabasi", "majengo", "mabao", "magoli", "mataifa", "makampuni",
           "mashirika", "matukio", "mashamba", "makosa", "malori", "maduka", "majimbo",
           "maeneo", "mabomu", "makombora", "mashambulizi", "madarasa", "mabwawa",
           "magereza", "mabango", "madawati", "maswali", "mapendekezo"),
    "vi": ("vitabu", "vijiji", "vituo", "viwanja", "vifo", "vyumba", "viwanda", "vyama",
           "vikosi", "vikundi", "vifaa", "vitanda", "vyeti", "vipindi", "vitongoji",
           "kitabu", "kijiji", "kituo", "kiwanja", "kiwanda", "chama", "kikundi"),
    "n": ("siku", "wiki", "nyumba", "kura", "familia", "kaya", "shule", "hospitali",
          "ajira", "nchi", "kesi", "ndege", "kampuni", "ofisi"),
}  # fmt: skip
# Minutes of added time after the count of those played: dakika ya tisini na tatu za nyongeza.
ADDED_TIME = "za nyongeza"
