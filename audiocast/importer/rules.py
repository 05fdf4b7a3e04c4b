"""What the importer recognises on a news page (data only): furniture, bylines, dates, speakers.

Every pattern here matches a *whole line* of the page unless it says otherwise, so a sentence
of the story that merely mentions Facebook or "matangazo" is never mistaken for furniture.
Producers extend these lists when a new publisher's layout leaves furniture behind.
"""

from __future__ import annotations

from ..swahili.words import DAYS, MONTHS

# Reasons reported in ImportResult.dropped (what `audiocast import --explain` shows).
NAVIGATION = "navigation menu"
PHOTO = "photo caption or credit"
ALT_TEXT = "photo alt text"
READ_MORE = "read-also link"
URL = "bare URL"
EMAIL = "e-mail address"
SHARE = "share button"
ADVERT = "advertisement"
SCHEDULE = "radio schedule"
FOOTER = "footer"
AGENCY = "agency codes"
CREDIT = "editor or source credit"
TIMESTAMP = "timestamp"
LABEL = "page label"
RELATED = "links to other stories"
REPEATED = "repeated title"
PAGE_BREAK = "page break"
RELEASE_SIGNATURE = "press release signature"
SLOGAN = "slogan"
TICKER = "live score ticker"
PULL_QUOTE = "pull quote"
BIO = "writer's biography"
POST_CREDIT = "embedded post's credit"
MEDIA = "embedded media"
OUTSIDE = "outside the article"
TITLE_BAR = "browser title bar"
BREADCRUMB = "breadcrumb"
BROADCAST = "broadcaster's footer"
CONTACT = "contact paragraph"
FOREIGN = "caption in another language"
COOKIES = "cookie notice"
NEWSLETTER = "newsletter sign-up"
TABLE = "table"
KEY_POINTS = "key-points box"
PROMO = "promotion"
COMMENTS = "reader comment"
HASHTAG_LINE = "hashtags"

# A long story's page links: "Inayofuata »", "« Iliyotangulia", "Ukurasa 1 2 3".
PAGINATION_PATTERNS = (
    r"(?:«\s*)?(?:iliyotangulia|inayofuata|ukurasa (?:unaofuata|uliotangulia)|"
    r"next(?: page)?|previous(?: page)?|prev)(?:\s*»)?",
    r"(?:ukurasa|kurasa|page|pages)\s*:?(?:\s*\d{1,3}){1,12}(?:\s*(?:ya|of)\s*\d{1,3})?",
)

# --- Navigation -----------------------------------------------------------------------------
# Skip links and menu entries in the languages Swahili sites are built in; an optional list
# number in front ("1. Nenda kwenye maudhui").
NAV_PATTERNS = (
    r"(?:\d+\.\s*)?(?:nenda kwenye|nenda tovuti|ruka hadi|ruka uende|ruka kwenda|"
    r"ruka sehemu inayofuata|"
    r"skip to|jump to|go to)\b.{0,60}",
    r"ruka .{1,40} na uendelee kusoma",
    r"mwisho wa (?:imesomwa zaidi|unaweza pia kusoma|whatsapp|instagram|youtube|twitter|"
    r"facebook|telegram|tiktok|podikasti|podcast|video)",
)
NAV_WORDS = frozenset(
    {"menu", "menyu", "tafuta", "search", "ingia", "login", "jisajili", "jiandikishe",
     "subscribe", "nyumbani", "home", "mwanzo", "funga", "close", "zaidi", "more", "lugha",
     "chagua lugha", "kiswahili", "english", "habari mpya", "orodha kuu", "main menu",
     "fungua menyu", "sikiliza redio", "tazama tv", "bbc news, swahili", "bbc news swahili",
     "dw kiswahili", "idhaa ya kiswahili", "sauti ya amerika",
     # a mobile page's app banner and its "back to top" button
     "app store", "google play", "fungua", "open", "rudi juu", "back to top"}
)  # fmt: skip
# Separators of menus and breadcrumbs written on one line: "Habari | Michezo | Biashara".
MENU_SEPARATORS = r"\s*(?:\||·|•|\u203a|»|>|/)\s*"
MENU_MIN_ITEMS = 4  # fewer items on one line are more likely categories: "Afrika | Siasa"
# BBC boxes inside the story: "Ruka Imesomwa zaidi na uendelee kusoma" … "Mwisho wa Imesomwa
# zaidi"; everything between is links to other stories.
BOX_START = r"ruka (.{1,40}) na uendelee kusoma"
BOX_END = "mwisho wa {}"
BOX_MAX_LINES = 20
# Any box a page closes with "Mwisho wa X" opened with a line "X" (BBC's "Imesomwa zaidi" box
# copied without its skip link): the lines between are links, never story.
BOX_CLOSE = r"mwisho wa (.{1,40})"
# DW's skip link over a box after the story: "Ruka sehemu inayofuata Gundua zaidi", then the
# box's heading "Gundua zaidi" and its links.
SKIP_BOX = r"ruka sehemu inayofuata (.{1,40})"
HOME_WORDS = frozenset({"nyumbani", "home", "mwanzo", "ukurasa wa mwanzo", "forums", "majukwaa"})

# --- Photos ---------------------------------------------------------------------------------
# A credit marker anywhere in a line: DW runs "Picha:" onto the caption ("PutinPicha: AP").
PHOTO_MARK = r"(?:Picha|PICHA|Photo|PHOTO|Foto|FOTO)\s*[:|]"
# A credit in brackets at the end of a paragraph: "(Picha na Maktaba)".
PHOTO_PAREN = r"\((?:Picha|PICHA|Photo)\b[^()]{0,80}\)"
PHOTO_PATTERNS = (
    r"(?:chanzo cha picha|maelezo ya picha|image source|image caption)\s*,.*",  # BBC
    r"(?:picha|photo|foto)\s*(?::|\||na\b|by\b).{0,80}",
    # an agency and its photographer under a photo: "© UNICEF/Patrick Kalemba" (a site's
    # copyright line has a year or no photographer)
    r"\u00a9\s*(?!\d)[A-Z][\w.&'-]*(?:\s[\w.&'-]+){0,2}\s*/\s*[\w.&' -]{2,40}",
)
# A caption's credit at its end with no colon: "… ubaoni jana. Picha na Maktaba", "… maji
# PICHA RESTITUTA MBWAMBO"; the credit is one to four capitalised words closing the line.
PHOTO_TAIL = (
    r"(?:(?<=[.!?])|(?<=\w))\s+(?:Picha na|PICHA NA|PICHA)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}$"
)
ALT_TEXT_MAX_WORDS = 5
# A caption of an archive photo beside its credit: "… uzito katika kituo cha afya. (Maktaba)"
CAPTION_ARCHIVE = r".*\((?:maktaba|picha ya maktaba|picha za maktaba|file|file photo|archive)\)"
# A caption on its own line right above or below its credit ("Picha: UNICEF/…") or a German
# alt text: the block of up to this many lines, each this short, is the photo's. Captions run
# 5-20 words; a lead or paragraph a copy left against a credit is longer.
CAPTION_BLOCK_MAX_LINES = 3
CAPTION_MAX_WORDS = 20
# A photo gallery's counter: "1 ya 5", "2 of 8", "3/5".
GALLERY_COUNTER = r"(?:picha\s+)?\d{1,2}\s*(?:ya|kati ya|of|/)\s*\d{1,2}"

# --- Links, addresses -----------------------------------------------------------------------
READ_MORE_PATTERNS = (
    r"(?:soma|soma pia|soma zaidi|habari zaidi|habari inayohusiana|unaweza pia kusoma|"
    r"tazama pia|tazama|sikiliza pia|sikiliza|read more|read also|also read|see also)"
    r"\s*[:\-\u2013|].*",
    r"(?:soma zaidi|soma pia|tazama pia|sikiliza pia|endelea kusoma|soma habari kamili|"
    r"read more|read also|also read|unaweza pia kusoma)",
    # a copy that lost the colon: "Soma Zaidi Mvua kubwa zaendelea …" (a headline: no stop)
    r"(?:soma zaidi|soma pia|read more|read also|also read)\s+(?-i:[A-Z])[^.!?]{0,120}",
)
# A read-also link run into a paragraph: its headline's longest, and the story after it.
RUN_IN_LINK_MAX_WORDS = 20
RUN_IN_STORY_MIN_WORDS = 8
# A lead-in alone on its line ("Soma pia"): the short lines under it are the links it lists.
READ_MORE_BARE = r"(?:soma zaidi|soma pia|tazama pia|sikiliza pia|read more|read also|also read)"
URL_RE = r"(?:https?://|www\.)\S+"
DOMAIN_RE = r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|tz|ke|ug|rw|bi|cd|de|uk|fm)(?:/\S*)?"
EMAIL_RE = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A line holding a URL or address is furniture when it is this short ("Tovuti: www.x.or.tz").
CONTACT_MAX_WORDS = 8
# Longer paragraphs with an address are contact details when they speak to the listener
# ("wasiliana nasi", "tuandikie") or give labelled details ("Simu: …"); a story sentence
# that mentions a police hotline has neither and stays.
PHONE_RE = (
    r"(?:\+|\b00)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}\b"
    r"|\b0\d{3}[\s-]?\d{3}[\s-]?\d{3}\b"
)
POSTAL_RE = r"\b(?:S\.?\s?L\.?\s?P\.?|P\.?\s?O\.?\s?Box|sanduku la posta)\s*\d+"
CONTACT_CUES = (
    r"wasiliana nasi|tuandikie|tutumie|tupigie|kwa maoni|maoni yako|maoni na ushauri|"
    r"barua pepe\s*:|e-?mail\s*:|simu\s*:|tel\.?\s*:|phone\s*:|anwani\s*:|namba yetu|"
    r"contact us|write to us|call us|\b(?:zetu|yetu|wetu|nasi|kwetu)\b|"
    # an advertiser or listener told what to do: "Kwa matangazo … piga 0282 …, tuma ujumbe"
    r"^kwa matangazo\b|\btuma ujumbe\b|\bpiga (?:simu )?(?:namba )?\+?\d"
)
CONTACT_PARAGRAPH_MAX_WORDS = 40

# --- Buttons, ads, schedules, footers -------------------------------------------------------
SHARE_WORDS = frozenset(
    {"shiriki", "share", "facebook", "twitter", "x", "whatsapp", "tuma", "telegram", "linkedin",
     "email", "barua pepe", "print", "chapisha", "tweet", "nakili kiungo", "copy link",
     "shirikisha", "sambaza", "instagram", "youtube", "tiktok", "messenger", "pinterest",
     "reddit", "maoni", "comments", "shiriki habari hii", "share this", "tufuate",
     "follow us", "pakua", "download", "sms",
     # WordPress's like button and the text it shows while it loads
     "like", "like this", "loading", "inapakia", "penda hii"}
)  # fmt: skip
# A cookie notice (searched in lines of up to COOKIE_MAX_WORDS) and the buttons under it.
COOKIE_NOTICE = (
    r"\b(?:vidakuzi|cookies?)\b.*\b(?:tovuti|huduma|kuvinjari|website|site|browsing|"
    r"experience|navigation|sera)|\b(?:tunatumia|tovuti hii inatumia|we use|this (?:web)?site "
    r"uses|nous utilisons|utilisons)\b.*\b(?:vidakuzi|cookies?)\b"
)
COOKIE_MAX_WORDS = 45
COOKIE_BUTTON_MAX_WORDS = 4
COOKIE_BUTTONS = 3  # lines under the notice that may be its buttons
# The box's own title above the notice: "Nous respectons votre vie privée".
COOKIE_TITLE = r".{0,40}\b(?:vie privée|privacy|faragha yako|vidakuzi|cookies?)\b.{0,20}"
# A cookie button says what it does: accept, refuse or set; a site name or date never does.
COOKIE_BUTTON_WORDS = (
    "kubali", "sawa", "nimeelewa", "nakubali", "kataa", "mipangilio", "accept", "agree",
    "allow", "reject", "decline", "settings", "manage", "ok", "got it", "accepter",
    "refuser", "paramétrer", "continuer",
)  # fmt: skip
# A newsletter sign-up box: it speaks to the reader about "our newsletter" or "your e-mail".
NEWSLETTER_PATTERNS = (
    r".*\b(?:jarida (?:letu|la kila|la habari)|jarida la \S+ (?:kiswahili|letu)|"
    r"kwenye barua pepe yako|barua pepe yako|our newsletter|newsletter)\b.*",
    r"(?:jiunge na|jiandikishe (?:kupokea|kwa)|pata|subscribe to|sign up (?:for|to))\b"
    r".{0,60}\bjarida\b.*",
    r"jarida la \S+|\S+ newsletter",  # the box's title: "JARIDA LA MWANANCHI"
    # its consent line: "Kwa kujisajili unakubali Masharti na Sera ya Faragha."
    r"(?:kwa (?:kujisajili|kujiandikisha)|by (?:subscribing|signing up))\b.*"
    r"\b(?:masharti|faragha|terms|privacy)\b.*",
)
NEWSLETTER_MAX_WORDS = 25
# A reader's comment under the story: a "name · when" line ("Hamisi K. · saa 2 zilizopita"),
# the comment, and its action row ("Jibu · Penda (23)"), at most COMMENT_MAX_LINES long.
COMMENT_META = (
    r"[^\W\d].{0,40}?\s[·•]\s(?:(?:saa|dakika|siku|wiki|mwezi|miezi|mwaka|miaka)\b.*"
    r"(?:zilizopita|iliyopita|uliopita|iliyopita)|jana|leo|\d+\s*(?:min|h|d|hours?|days?|"
    r"minutes?|weeks?)\b(?: ago)?|.*\bago)"
)
COMMENT_ACTION = r"(?:jibu|reply|penda|like|ripoti|report|shiriki)(?:\s*\(\d+\))?"
COMMENT_MAX_LINES = 6
# A box of the story's key points above it (Mwananchi's "Muhtasari"): this heading, then its
# bulleted lines, which repeat the story.
KEY_POINTS_HEADINGS = (
    r"(?:muhtasari|muktasari|kwa ufupi|habari kwa ufupi|kwa muhtasari|mambo muhimu|mambo makuu|"
    r"key points|highlights|in summary|summary|en bref)\s*:?"
)
# A table row: at least this many cells, most of them numbers or column codes ("P W D L Pts").
TABLE_MIN_CELLS = 4
TABLE_CELL_SHARE = 0.7
TABLE_CODE_MAX_CHARS = 3
# An audio or video box inside the story: its label ("Sauti"), a caption, a download button
# and the clip's length ("Dakika 2 sekunde 41", "2:41"), at most this many lines.
MEDIA_LABELS = frozenset({"sauti", "video", "audio", "sikiliza", "tazama", "podcast", "podikasti"})
MEDIA_DURATION = (
    r"(?:dakika\s+\d+\s+(?:na\s+)?sekunde\s+\d+|dakika\s+\d+|sekunde\s+\d+|"
    r"\d+\s*(?:min|mins|minutes?)\s+\d+\s*(?:s|sec|seconds?)|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\d{1,2}['\u2032\u2019]\s?\d{2}(?:\"|''|\u2033|\u201d)?)"  # UN News: 3'12"
)
MEDIA_BOX_MAX_LINES = 5
MEDIA_BUTTONS = frozenset({"pakua", "download", "sikiliza sasa", "listen", "play", "cheza"})
ADVERT_PATTERNS = (
    r"(?:matangazo|tangazo|advertisement|advert|ad|sponsored|tangazo la biashara)",
    r"-+\s*(?:tangazo|matangazo|advertisement)\s*-+",
    r"(?:tangazo|advertisement)\s*:.{0,60}",
    # the line a mobile page puts under an ad, before the story goes on
    r"(?:continue reading(?: below)?|story continues below|endelea kusoma(?: (?:chini|habari))?)",
)
# A blog's call to click, searched in lines of up to PROMO_MAX_WORDS written in capitals or
# pointing with an arrow: "ULIKOSA HII? TAZAMA VIDEO HAPA ⬇️".
PROMO_CALL = (
    r"\b(?:tazama|bofya|bonyeza|gusa|angalia|sikiliza|pakua|click|tap|watch|download)\b"
    r".{0,60}\b(?:hapa|hapo chini|chini|kiungo|link|here|below)\b"
)
PROMO_ARROWS = "\u2b07\u2935\u25b6\u23ec\U0001f447\U0001f449\U0001f53d\U0001f4f2"
PROMO_MAX_WORDS = 15
# A forwarded message's plea to pass it on: "🙏 SAMBAZA ujumbe huu kwa wavuvi wote …".
SHARE_PLEA = (
    r"\W*(?:sambaza|wasambazie|tuma|share|forward)\b.{0,40}?\b(?:ujumbe|habari|taarifa|"
    r"message|post) (?:huu|hii|hizi|this)\b.*"
)
SHARE_PLEA_MAX_WORDS = 30
# A page's plea to like it: "Usisahau ku-like na ku-share ukurasa huu 🙏".
LIKE_PLEA = r".*\busisahau\b.{0,30}\b(?:ku-?like|ku-?share|ku-?follow|kufuatilia|ku-?subscribe)\b.*"
# The topic list after a story ("Mada zinazohusiana": Kenya, Usafiri): its categories when
# the page names no section; up to TOPICS_MAX items of up to TOPIC_MAX_WORDS words.
TOPICS_HEADING = r"(?:mada zinazohusiana|mada|related topics|topics|tags|vitambulisho)\s*:?"
TOPICS_MAX = 6
TOPIC_MAX_WORDS = 4
# A line of hashtags under a post: the post's categories, never read out.
HASHTAGS = r"(?:#[^\W\d_]\w*[\s,]*)+"
HASHTAG_CATEGORIES_MAX = 3
# "06:00 - 06:30 UTC", "18.00-19.00"; a trailing dot and digit would make it a date.
TIME_RANGE = (
    r"\b\d{1,2}[:.]\d{2}(?![.\d])\s*(?:-|\u2013|\u2014|hadi|to)\s*\d{1,2}[:.]\d{2}(?![.\d])"
)
TIME_START = r"\d{1,2}:\d{2}\b.*"
SCHEDULE_PATTERNS = (
    r"matangazo ya\b[^.!?]{0,60}",  # "Matangazo ya Asubuhi" is a programme, not a sentence
    r"(?:ratiba ya vipindi|ratiba|sikiliza (?:moja kwa moja|mubashara|redio)|"
    r"redio mubashara|live radio|on air|hewani sasa)\b.{0,40}",
)
SCHEDULE_MAX_WORDS = 15
FOOTER_PATTERNS = (
    r".*©.*",
    r".*\(c\)\s*\d{4}.*",
    r".{0,80}\b(?:haki zote zimehifadhiwa|all rights reserved)\b.{0,80}",
    r"(?:copyright|haki miliki)\b.{0,40}",  # at the start only: a law on copyright is news
)
FOOTER_WORDS = frozenset(
    {"terms", "terms of use", "masharti", "masharti ya matumizi", "sera ya faragha",
     "privacy", "privacy policy", "faragha", "wasiliana nasi", "wasiliana", "kuhusu sisi",
     "kuhusu", "contact", "contact us", "about", "about us", "imprint", "cookies",
     "ulinzi wa data", "tamko la upatikanaji", "mawasiliano", "tangaza nasi", "advertise",
     "ajira", "careers", "msaada", "help", "ramani ya tovuti", "sitemap", "rss"}
)  # fmt: skip
# Broadcasters' "listen to us" blocks after the story (DW, BBC, VOA, UN News, RFI, CRI): a line
# that starts so opens the block; later lines are footer unless they are story prose.
BROADCAST_STARTS = (
    r"(?:sikiliza matangazo|matangazo ya idhaa ya kiswahili|tuandikie|tufuate|tusikilize|"
    r"unaweza kutusikiliza|fuatilia (?:bbc|voa|dw|rfi|cri|habari za un|idhaa|matangazo)|"
    r"sikiliza (?:voa|bbc|dw|rfi|cri|habari za un|idhaa|vipindi vyetu|redio yetu)|"
    r"pakua (?:programu|app|apu)|download (?:our|the) app|follow us|listen to us|"
    r"pata habari (?:mpya|zetu|za hivi punde)\b.{0,40}\b(?:simu|app|programu))\b.*",
    # the audio box's label under a story: "Sikiliza ripoti kamili ya Amina Salum hapa chini."
    r"sikiliza (?:ripoti|mahojiano|makala|taarifa kamili)\b.{0,80}",
)
# Starts a story sentence may share ("Idhaa ya Kiswahili ilizungumza na …"): footer only when
# short, or with two more signs of a footer (BROADCAST_HINTS).
BROADCAST_WEAK_STARTS = (
    r"(?:idhaa ya kiswahili|jiunge nasi|tembelea (?:ukurasa|tovuti) (?:wetu|yetu))\b.*",
)
# What gives a footer paragraph away inside that block (searched, not matched whole).
BROADCAST_HINTS = (
    r"alama ya spika|bonyeza|matangazo yetu|idhaa ya kiswahili|vipindi vyetu|tovuti yetu|"
    r"ukurasa wetu|kurasa zetu|mitandao ya kijamii|masafa|mawimbi|\bfm\b|\bmhz\b|\bkhz\b|"
    r"\butc\b|\bgmt\b|facebook|twitter|instagram|youtube|whatsapp|tiktok|programu ya simu|"
    r"@|www\.|\.com\b|podikasti|podcast|jiunge|tufuate|tuandikie|sikiliza"
)
# Markers of a line only a broadcaster writes, anywhere in it.
BROADCAST_ANYWHERE = (
    r"bonyeza alama ya spika|sikiliza matangazo yetu|matangazo yetu ya (?:redio|kila siku)"
)
# A box of links to other stories inside the story: this heading, then the links' titles
# (short lines without a full stop) up to the next blank line or paragraph.
LINK_BOX_HEADINGS = (
    r"(?:kuhusu mada hiyo|kuhusu mada hii|zaidi kuhusu mada hii|habari zaidi kuhusu mada hii|"
    r"on the same topic|more on this (?:topic|story)|sur le même sujet)\s*:?",
)
# Once one of these headings appears, the rest of the page is other stories or footer.
END_MARKERS = (
    r"(?:mada zinazohusiana|habari zinazohusiana|taarifa zinazohusiana|zaidi kutoka dw|"
    r"habari zaidi|habari nyingine|habari zinazofanana|related topics|related stories|"
    r"more from \w+|matukio ya karibuni|habari kuu za dw|unaweza pia kupenda|"
    r"maoni \(\d+\)|maoni \d+|acha maoni|toa maoni yako|leave a comment|similar threads|"
    # a forum's second post ("#2") and its reactions line: readers' replies, not the story
    r"#(?:[2-9]|\d{2,})|reactions:.{0,120}|"
    # a social post's fold and reaction counts: what follows is readers' comments
    r"see less|ona kidogo|all reactions|maoni yote|viungo muhimu|useful links|quick links)\s*:?"
)
# A press release's signature block opens with this line; the office named under it, up to
# ISSUER_MAX_LINES lines before its date, issued the release.
ISSUED_BY = r"(?:imetolewa na|imetiwa saini na|issued by)\s*:?\s*(.*)"
ISSUER_MAX_LINES = 3
# The motto a release closes with above its signature ("MAJI NI UHAI"): capitals, this short.
SLOGAN_MAX_WORDS = 6

# Bullets: a bulleted short line without a full stop is a link to another story; a bulleted
# sentence is the story's own list, kept without its bullet glyph.
BULLET = r"(?:[\u2022\u00b7\u25aa\u25ab\u25a0\u25ba\u25b8\u2023\u25e6\u2219]\s*|[-*\u2013]\s+)"
BULLET_LINK_MAX_WORDS = 15
# Navigation written as a list ("Idhaa ya Kiswahili, Uchumi, Michezo, Facebook, Twitter"): this
# many items is a menu, not a story's categories.
NAV_RUN_MIN_ITEMS = 4
SECTION_WORDS = frozenset(
    {"habari", "michezo", "siasa", "uchumi", "biashara", "afya", "burudani", "kimataifa",
     "kitaifa", "afrika", "dunia", "makala", "maoni", "teknolojia", "elimu", "mazingira",
     "utamaduni", "sayansi", "jamii", "kilimo", "video", "sauti", "picha", "vipindi",
     "mahojiano", "tahariri", "habari za kitaifa", "habari za kimataifa", "afrika mashariki",
     "ulaya", "asia", "amerika", "mashariki ya kati", "sports", "news", "business", "world",
     "africa", "politics", "health", "entertainment", "lifestyle", "opinion", "magazeti",
     "mpira wa miguu", "soka", "kandanda", "mtindo wa maisha", "uchambuzi", "wanawake",
     "vijana", "idhaa ya kiswahili", "redio", "tv", "televisheni"}
)  # fmt: skip

# --- Languages ------------------------------------------------------------------------------
# Function words that tell a short caption's language; capitalised words (names) are not
# counted, so "Bayern München" or "Borussia Dortmund" never decide it.
GERMAN_WORDS = frozenset(
    {"der", "die", "das", "und", "mit", "gegen", "im", "von", "bei", "für", "auf", "nach",
     "ein", "eine", "einen", "dem", "den", "des", "zu", "zum", "zur", "ist", "sind", "wird",
     "werden", "nicht", "auch", "sich", "über", "vor", "aus", "am", "an", "beim", "vom",
     "seine", "ihre", "hat", "haben", "wie", "oder", "aber"}
)  # fmt: skip
ENGLISH_WORDS = frozenset(
    {"the", "of", "and", "in", "at", "after", "for", "with", "from", "during", "on", "to",
     "is", "are", "was", "were", "by", "his", "her", "their", "a", "an", "as", "this", "that",
     "before", "into", "over", "against", "has", "have", "who", "it", "its", "be", "been"}
)  # fmt: skip
SWAHILI_WORDS = frozenset(
    {"na", "ya", "wa", "kwa", "za", "la", "katika", "ni", "kuwa", "cha", "vya", "hii", "hiyo",
     "huo", "hilo", "kwenye", "baada", "kabla", "wakati", "pia", "lakini", "kama", "sasa",
     "leo", "jana", "mjini", "nchini", "jijini", "akiwa", "wakiwa", "wake", "yake", "zao",
     "yao", "wao", "huku", "tangu", "hadi", "mpaka", "kutoka", "zaidi", "bado", "si", "mwa"}
)  # fmt: skip
FOREIGN_MAX_WORDS = 20

# --- Title bars -----------------------------------------------------------------------------
# A browser title bar: "Headline | Section | Site | date", "Site - Headline". Separators that
# need spaces around them (a hyphen or colon inside a headline has none on one side).
TITLE_BAR_SEPARATORS = (r"\s*\|\s*", r"\s+\u2013\s+", r"\s+\u2014\s+", r"\s+\u00b7\s+",
                        r"\s+-\s+", r"\s+:\s+")  # fmt: skip
# Site names as title bars write them, to the publisher they name (None: a site, no publisher
# the importer knows by name). Domains ("dw.com", "www.mwananchi.co.tz") count as sites too.
SITE_NAMES: dict[str, str | None] = {
    "dw": "DW Kiswahili", "dw kiswahili": "DW Kiswahili", "dw.com": "DW Kiswahili",
    "deutsche welle": "DW Kiswahili", "idhaa ya kiswahili ya dw": "DW Kiswahili",
    "bbc": "BBC News Swahili", "bbc news": "BBC News Swahili",
    "bbc news swahili": "BBC News Swahili", "bbc swahili": "BBC News Swahili",
    "bbc news, swahili": "BBC News Swahili", "voa": "VOA Swahili", "voa swahili": "VOA Swahili",
    "sauti ya amerika": "VOA Swahili", "mwananchi": "Mwananchi", "taifa leo": "Taifa Leo",
    "habarileo": "HabariLeo", "habari leo": "HabariLeo", "mwanaspoti": "Mwanaspoti",
    "rfi": "RFI Kiswahili", "rfi kiswahili": "RFI Kiswahili", "habari za un": "Habari za UN",
    "un news": "Habari za UN", "un news kiswahili": "Habari za UN",
    "cri": "CRI Kiswahili", "cri kiswahili": "CRI Kiswahili", "cri swahili": "CRI Kiswahili",
    "china radio international": "CRI Kiswahili", "radio china kimataifa": "CRI Kiswahili",
    "nipashe": "Nipashe", "ippmedia": "Nipashe", "the citizen": "The Citizen", "daily news": None,
    "zanzibar leo": None, "the star": None, "citizen digital": "Citizen Digital",
    "radio citizen": None,
    "millard ayo": None, "global publishers": None, "azam tv": None, "itv": None,
    "clouds fm": None, "kbc": None, "tbc": None, "the east african": None,
}  # fmt: skip
# A community radio station's name: "Kahama FM", "Redio Sauti ya Ziwa", "Radio Maria". Found
# only where a page names itself: a title bar's site part, a site header line (with its
# frequency: "Pangani FM 97.9"), a footer's "© 2024 Kahama FM"; never in the story.
_STATION_WORD = r"(?!(?:Haki|All|Copyright)\b)[A-Z][\w'-]*"
_STATION_WORDS = rf"{_STATION_WORD}(?:\s+(?:{_STATION_WORD}|ya|wa|la|za|na)){{0,3}}"
STATION_NAME = rf"(?:(?:Redio|Radio)\s+{_STATION_WORDS}|{_STATION_WORDS}\s+FM)"
STATION_FREQUENCY = r"\d{2,3}(?:[.,]\d{1,2})?\s*(?:FM|MHz)?"
# Words that make a short capitalised part a site's name ("Redio Jamii FM", "Pwani News").
SITE_WORDS = frozenset(
    {"radio", "redio", "fm", "tv", "online", "news", "media", "blog", "digital", "times",
     "post", "daily", "televisheni", "communications", "publishers", "forums", "forum"}
)  # fmt: skip
# A title bar's headline part needs this many words when no site names it ("Dodoma | 12.3.2024"
# is a dateline, not a title bar).
TITLE_BAR_MIN_WORDS = 4
SECTION_MAX_WORDS = 3
# Section labels stacked one per line right above the headline: two are a breadcrumb
# ("Habari" / "Kitaifa"), three or more sibling sections a menu ("Habari" / "Michezo" / …).
LABELS_ABOVE_MAX_LINES = 2

# --- Credits and bylines --------------------------------------------------------------------
CREDIT_PATTERNS = (
    r"(?:mhariri|wahariri|chanzo|vyanzo|mtafsiri|tafsiri|editor|source|sources)"
    r"\s*[:\-\u2013\uff1a]\s*.{1,80}",  # CRI writes a full-width colon (U+FF1A)
    r"(?:imehaririwa na|imetafsiriwa na|edited by)\s+.{1,80}",
)
# "Mwandishi: X" after the story (DW) names the author; with a byline already found it is credit.
TRAILING_AUTHOR = r"(?:mwandishi|waandishi|muandishi|ripoti ya)\s*[:\-\u2013,]\s*(.{2,80})"
# A post's sign-off under the story: a writing-hand emoji, then the name ("✍️ Ezekiel B., Redio X").
SIGN_OFF = r"[\u270d\U0001f58a\U0001f58b\U0001f4dd]\ufe0f?\s*([^,|]{2,60})(?:[,|].{0,60})?"
BYLINE = (
    r"(?:na|by|mwandishi|muandishi|waandishi|imeandikwa na|imetumwa na|imeandaliwa na|author|"
    r"ripoti ya)\s*[:,]?\s+(.+)"
)
# News agencies whose codes follow a byline: "Sylvia Mwehozi (AFP, Reuters)", "X/dpa", "DW/AP".
# The outlet a repost names as its source, when the page names no publisher of its own.
SOURCE_CREDIT = (
    r"(?i:chanzo|source)\s*[:\-\u2013]\s*"
    r"([A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|ya|wa|la|za|na)){0,3})"
)
AGENCIES = (
    "AFP", "AP", "Reuters", "RTR", "rtre", "dpa", "dpae", "ape", "afpe", "EPA", "epd", "KNA",
    "DW", "Xinhua", "TASS", "PTI", "IPS", "UPI", "ANP", "AAP", "ANSA", "APA", "PANA",
    "Bloomberg", "AA", "IRNA", "PPS", "TSN", "KBC", "VOA", "BBC",
)  # fmt: skip
NAME_PARTICLES = frozenset({"bin", "binti", "wa", "de", "van", "von", "al", "el", "da", "du"})
NAME_MAX_WORDS = 5
# Small words a shouted label keeps in lower case once unshouted ("Habari za Kitaifa").
NAME_LINK_WORDS = frozenset({"na", "wa", "ya", "la", "za", "cha", "vya", "kwa", "es"})
# The newsroom's own byline when no reporter is named ("Na Mwandishi Wetu": our correspondent).
STAFF_BYLINE = r"(?:mwandishi|waandishi)\s+(?:wetu|maalumu|maalum)"
# Towns a byline names after the reporter ("Na Anna Mlay, Dodoma", unpunctuated "Na Zuberi
# Mnyampala Mbeya"): after a comma any one capitalised word is a place; without one, only these.
BYLINE_PLACES = frozenset(
    {"dar es salaam", "dodoma", "arusha", "mwanza", "mbeya", "morogoro", "tanga", "moshi",
     "zanzibar", "unguja", "pemba", "iringa", "tabora", "kigoma", "mtwara", "lindi", "songea",
     "musoma", "bukoba", "shinyanga", "singida", "sumbawanga", "njombe", "babati", "geita",
     "kahama", "mpanda", "bariadi", "pangani", "bagamoyo", "kibaha", "nairobi", "mombasa",
     "kisumu", "nakuru", "eldoret", "malindi", "lamu", "kericho", "nyeri", "kakamega",
     "kampala", "entebbe", "gulu", "kigali", "bujumbura", "goma", "bukavu", "kinshasa",
     "juba", "addis ababa", "mogadishu", "bonn", "berlin", "london", "washington", "geneva",
     "new york", "beijing", "paris"}
)  # fmt: skip

# Words before a place in a title or lead ("wilayani Rufiji", "wilaya ya Rufiji", "Mto
# Rufiji"): an unpunctuated byline's last word named so is the town it was filed from.
PLACE_CUES = (
    r"\b(?:mjini|jijini|nchini|mkoani|wilayani|kijijini|kisiwani|visiwani|huko|"
    r"(?:wilaya|mkoa|mji|jiji|kijiji|kata|tarafa|jimbo|kaunti|kisiwa|manispaa|halmashauri)"
    r"\s+(?:ya|wa|la|cha)|mto|ziwa|mlima|bonde la)"
)

# --- Labels and timestamps ------------------------------------------------------------------
LABEL_PATTERNS = (
    r"(?:maelezo kuhusu taarifa|kuhusu taarifa hii|taarifa kamili|sikiliza makala hii|"
    r"sikiliza habari hii|listen to this article|habari kuu|breaking news|moja kwa moja|live)"
    r"(?:\s*[·•|-]\s*\d{1,2}:\d{2})?",  # a player bar with the clip's length
    r"(?:nafasi|role|cheo)\s*,.{1,60}",  # BBC: "Nafasi, BBC News Swahili" below the byline
    r"(?:imesambazwa|imetumwa tena)(?: mara nyingi)?|forwarded(?: many times)?",  # WhatsApp
    r"(?:dakika|min|mins|minutes?)\s+\d+\s+(?:za kusoma|read)|\d+\s+(?:min|dakika)\b.{0,12}",
    r"dakika\s+\d{1,2}",  # RFI's reading time under the date; an audio box's length too
    # a summary box's label, and the link to the writer's other stories under the byline
    r"(?:summary|muhtasari|muktasari|habari kwa ufupi|kwa ufupi)\s*:?",
    r"(?:zaidi (?:na|kutoka kwa) mwandishi huyu|habari zaidi za mwandishi huyu|"
    r"more (?:from|by) this (?:author|writer))",
)
# A columnist's note under an opinion piece: "Mwandishi ni mhadhiri wa … katika …".
WRITER_BIO = (
    r"(?:mwandishi(?: wa makala hii| wa safu hii| wa makala haya)?|the writer|the author)"
    r"\s+(?:ni|is(?: an?)?)\s+.{3,240}"
)
WRITER_BIO_MAX_WORDS = 40
# A pull quote repeats a sentence of the story word for word; shorter repeats are just words.
PULL_QUOTE_MIN_WORDS = 8
# An embedded post's credit line ("— Asha Ali (@asha_ali) June 18, 2024") and the hashtags and
# picture link a post ends with ("… #Afya pic.twitter.com/x7Q…").
POST_CREDIT_LINE = r"[\u2014\u2013-]\s*[^@\n]{1,80}\(@\w{1,30}\)\s*.{0,40}"
POST_TAIL = (
    r"(?:\s+#[^\W\d_]\w*)*\s+(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)"
    r"(?:\s+(?:pic\.twitter\.com/\w+|https?://t\.co/\w+))*\s*$"
)
# A byline's label on a line of its own, the name on the next (BBC: "Author," / "Halima Ali").
AUTHOR_LABEL = r"(?:author|authors|mwandishi|waandishi|imeandikwa na|written by|by)\s*[,:]?"
# A match's live ticker: under its heading, the score and minute-by-minute lines, which the
# report repeats ("FT: Simba 1-0 Yanga", "Dakika ya 45+2: Goooal!").
TICKER_HEADINGS = (
    r"(?:matukio ya mchezo|matukio ya mechi|matukio muhimu|mchezo (?:ulivyokuwa|mubashara)|"
    r"live updates|live score|match events|key events)\s*:?"
)
TICKER_LINE = (
    r"(?:ft|ht|full[- ]time|half[- ]time|mapumziko|dakika(?: ya)? \d{1,3}(?:\s*\+\s*\d{1,2})?|"
    r"\d{1,3}(?:\s*\+\s*\d{1,2})?\s*['\u2019\u2032])\s*:.{0,200}"
)
# A forum member's card: the day they joined is no date of the story ("Joined" / "Mar 12, 2016").
MEMBER_SINCE = r"(?:joined|member since|registered|alijiunga|amejiunga|tarehe ya kujiunga)\s*:?"
TIMESTAMP_PATTERNS = (
    r"(?:saa|dakika|siku|wiki|mwezi|miezi|masaa)\s+\d+\s+(?:zilizopita|iliyopita|uliopita)",
    r"\d+\s+(?:hours?|minutes?|days?|weeks?)\s+ago",
    r"(?:imeboreshwa|imesasishwa|ilisasishwa|updated|last updated|imechapishwa|published|"
    r"imepakiwa|imetumwa|ilichapishwa|imewekwa|iliwekwa|imehaririwa|ilihaririwa|edited)\b.{0,60}",
    # A social post's age: "2 d ·", "5 h", "3w" (Facebook), "Jana saa 10:00", "Yesterday at 9:41".
    r"\d{1,2}\s*(?:d|h|w|m|y|min|mins|hrs?)\s*[·•]?\W*",
    r"(?:jana|juzi|yesterday)\s+(?:saa|at)\s+\d{1,2}[:.]\d{2}\W{0,4}\w{0,8}\W*",
)
# A social post's reactions bar and counts: "👍 Like · 💬 Comment · ↗ Share", "125 · 14 comments".
SOCIAL_BAR = (
    r"(?:[\W\d_]*\b(?:likes?|comments?|shares?|reply|replies|views|reactions|penda|toa maoni|"
    r"maoni|shiriki|jibu|imeshirikiwa|watazamaji)\b)+[\W\d_]*"
)

# --- Dates ----------------------------------------------------------------------------------
# Month names as pages write them, to their number: Swahili (swahili.MONTHS), English and the
# short forms of both ("Sept", "Des").
MONTH_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(MONTHS, 1)}
MONTH_NUMBERS.update(
    {name: i for i, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), 1)}
)  # fmt: skip
MONTH_NUMBERS.update(
    {short: i for i, shorts in enumerate(
        (("jan",), ("feb",), ("mac", "mar"), ("apr",), (), ("jun",), ("jul",), ("ago", "aug"),
         ("sep", "sept"), ("okt", "oct"), ("nov",), ("des", "dec")), 1) for short in shorts}
)  # fmt: skip
WEEKDAYS = frozenset(
    {d.lower() for d in DAYS}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# Words around a date on a dateline that carry no information of their own: the clock time,
# its zone ("(GMT+08:00)", CRI), and the word for published.
DATE_NOISE = (
    r"(?:imechapishwa|ilichapishwa|imepakiwa|imetumwa|imewekwa|iliwekwa|published|posted|"
    r"imehaririwa|ilihaririwa|tarehe|date|on|"
    r"(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|"
    r"(?:saa|dakika|siku|wiki|masaa)\s+\d+\s+(?:zilizopita|iliyopita|uliopita)|"
    r"\d+\s+(?:hours?|minutes?|days?|weeks?)\s+ago|"
    r"saa\s+\d{1,2}(?:[:.]\d{2})?|saa|asubuhi|mchana|jioni|usiku|alfajiri|"
    r"a\.m|p\.m|am|pm|eat|gmt|utc|cat|wat|cet|cest|"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
)
# A headline with its timestamp after it on one line (CRI) is at most this long.
STAMPED_TITLE_MAX_WORDS = 30
# A line under the title this short that holds a date gives the date when nothing else does.
DATE_LABEL_MAX_WORDS = 10
# Words that make a line's date the time it was changed: a last resort, after any other date.
UPDATED = r"(?:imeboreshwa|imesasishwa|ilisasishwa|last updated|updated|modified)\b"
# A dateline the first paragraph opens with: a place in capitals or title case, then the
# date and a dash or colon ("DODOMA, 18 Juni 2024 — Bunge ..."); the words stay in it.
DATELINE_PLACE = (
    r"[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|es|el|al|wa|de|la)){0,4}(?:\s*\([^()]{1,20}\))?"
)
DATELINE_END = r"\s*(?:\([^()]{1,20}\)\s*)?(?:\u2014|\u2013|-|:)\s"

# --- Speakers -------------------------------------------------------------------------------
# A sentence introduces a quote when it ends with a colon, or names someone and uses one of
# these verb stems (alisema, amesema, akieleza, aliongeza, amenukuliwa, umegusiwa …).
SPEECH_STEMS = (
    "sema", "eleza", "ongeza", "sisitiza", "onya", "ambia", "bainisha", "nukuliwa", "gusiwa",
    "zungumza", "tangaza", "hoji", "jibu", "ahidi", "lalamika", "thibitisha", "shauri",
    "pendekeza", "kumbusha", "said", "says", "told",
)  # fmt: skip
# Capitalised words that stand before a name but are not part of it: titles and offices
# ("Waziri wa Kilimo Hussein Bashe"), and the regions that precede names in Tanzanian copy.
NOT_NAME_WORDS = frozenset(
    {"rais", "makamu", "waziri", "mkuu", "naibu", "katibu", "mwenyekiti", "mkurugenzi",
     "msemaji", "kamanda", "kamishna", "balozi", "spika", "jaji", "meya", "mbunge", "diwani",
     "askofu", "padri", "sheikh", "mufti", "jenerali", "luteni", "kanali", "meja", "kapteni",
     "inspekta", "dkt", "dk", "dr", "bi", "bw", "mhe", "mh", "mwl", "mch", "prof", "profesa",
     "daktari", "bwana", "bibi", "mwalimu", "kocha", "nahodha", "mchungaji", "mtendaji", "afisa",
     "mhandisi", "wakili", "seneta", "gavana", "chifu", "mzee", "mama", "baba", "president",
     "minister", "kansela", "chancellor", "mtaalamu", "mtafiti", "mwanasheria",
     "mkaguzi", "mratibu", "meneja", "mhadhiri", "msajili", "mjumbe", "kiongozi",
     "mkulima", "mfugaji", "mvuvi", "mfanyabiashara", "mkazi", "mwanafunzi", "mwandishi",
     "mchambuzi", "mwanaharakati", "muuguzi", "mwanamuziki", "msanii", "mchezaji", "mjini",
     "vijijini",
     # Occupations and roles a story puts before a name ("Mfanyakazi Jeanne Mukamana").
     "mfanyakazi", "mchimbaji", "mwimbaji", "mwanariadha", "mwanasoka", "mshambuliaji",
     "mlinda", "golikipa", "beki", "kiungo", "mwamuzi", "bondia", "mkimbiaji", "dereva",
     "fundi", "mhudumu", "mlinzi", "mpishi", "mshonaji", "seremala", "mjasiriamali",
     "mwekezaji", "mchuuzi", "muuzaji", "mnunuzi", "mmiliki", "msimamizi", "mhasibu",
     "mtangazaji", "mwigizaji", "mganga", "mkunga", "mhitimu", "mstaafu", "mwanakijiji",
     "mwenyeji", "mgombea", "mwanachama", "mshiriki", "mwakilishi", "mwanzilishi",
     "mgonjwa", "kijana", "mwanamke", "mwanamume", "hakimu", "askari", "sajenti",
     "koplo", "konstebo", "mshtakiwa", "mtuhumiwa", "mlalamikaji", "mwendesha", "mwanajeshi",
     "mwandamizi", "mkufunzi", "mhariri", "mpiga", "mzazi", "mlezi", "shuhuda", "shahidi",
     "mwathirika", "manusura", "mchumi", "mwanasiasa", "mwanahabari", "mtalii",
     # The same in the plural, before two names ("Wakulima Asha Said na Musa Ali walisema").
     "wabunge", "wakulima", "wazazi", "viongozi", "wanafunzi", "wafanyabiashara", "wavuvi",
     "madiwani", "mawaziri", "wanasiasa", "wachezaji", "walimu", "wakazi", "waandishi",
     "wanahabari", "wafanyakazi", "wafugaji", "wauguzi", "madaktari", "wataalamu",
     "wanaharakati", "wanakijiji", "wananchi", "wagombea", "wanachama", "wasanii", "ndugu",
     "makocha", "mawakili", "majaji", "wakurugenzi", "wasemaji", "maafisa", "makamanda",
     "mabalozi", "wachambuzi", "wanariadha", "wanasoka", "wakimbizi", "marais", "madereva",
     "wamiliki", "mafundi", "wahandisi", "wanasheria", "watafiti", "wenyeviti", "makatibu",
     "wakuu", "wawakilishi", "wajumbe", "wakunga", "wachungaji", "maaskofu", "mashahidi",
     # People a sentence may open with, named by what they are ("Mtoto alisema …").
     "mtoto", "mtu", "mgeni", "mke", "mume", "mjane", "mwenzake", "mwanawe", "mlemavu",
     "kilimo", "afya", "elimu", "fedha", "nje", "ndani", "ulinzi", "mambo", "nishati", "maji",
     "biashara", "viwanda", "utalii", "uchukuzi", "ujenzi", "habari", "michezo", "sheria",
     "katiba", "ardhi", "mifugo", "uvuvi", "madini", "mazingira", "kazi", "uchumi", "jamii",
     "ajira", "vijana", "wanawake", "watoto", "maendeleo", "teknolojia", "mawasiliano",
     "utamaduni", "sanaa", "usalama", "uwekezaji", "tawala", "mitaa", "utumishi", "umma",
     "makazi", "maliasili", "misitu", "ushirika", "masoko", "mipango", "jinsia", "wazee",
     "muungano", "kimataifa", "ushirikiano", "haki", "uratibu", "sera",
     # Words of team names before a coach or player ("kocha wa Uganda Cranes Moses Kizza").
     "stars", "cranes", "queens", "rangers", "wanderers", "united", "city", "warriors",
     "heroes", "lions", "eagles", "boys", "girls", "fc", "sc",
     "polisi", "jeshi", "wizara", "chama", "chuo", "kikuu", "shirika", "taasisi", "bunge",
     "serikali", "halmashauri", "manispaa", "wilaya", "mkoa", "jiji", "kampuni", "benki",
     "arusha", "dodoma", "dar", "salaam", "geita", "iringa", "kagera", "katavi", "kigoma",
     "kilimanjaro", "lindi", "manyara", "mara", "mbeya", "morogoro", "mtwara", "mwanza",
     "njombe", "pwani", "rukwa", "ruvuma", "shinyanga", "simiyu", "singida", "songwe",
     "tabora", "tanga", "zanzibar", "pemba", "unguja", "nairobi", "mombasa", "kisumu",
     "nakuru", "eldoret", "kampala", "kigali", "bujumbura", "goma", "tanzania", "kenya",
     "uganda", "rwanda", "burundi",
     # Sentence openers, capitalised only because they start the sentence.
     "akizungumza", "akihutubia", "akieleza", "akijibu", "akisisitiza", "akiongeza",
     "wakizungumza", "kwa", "kulingana", "hata", "aidha", "pia", "naye", "nao", "hivyo",
     "lakini", "awali", "baadaye", "jana", "leo", "katika", "kwenye", "baada", "kabla",
     "wakati", "huku", "tangu", "kutokana", "kuhusu", "mbali", "hapo",
     # Directions and Kenyan counties that stand before names ("Mbunge wa Lamu Mashariki").
     "mashariki", "magharibi", "kaskazini", "kusini", "kati", "lamu", "kilifi", "kwale",
     "garissa", "turkana", "kakamega", "bungoma", "nyeri", "meru", "machakos", "kiambu",
     "kajiado", "narok", "kericho", "kisii", "migori", "homa", "bay", "siaya", "busia",
     "embu", "kitui", "marsabit", "isiolo", "wajir", "mandera", "baringo", "laikipia"}
)  # fmt: skip
# Swahili genitive connectors: a run of capitalised words after one ("Afisa wa wilaya ya
# Pangani Salum Mbwana") starts with the place or body the title belongs to.
CONNECTORS = frozenset({"wa", "ya", "la", "za", "cha", "vya", "kwa", "kutoka"})
# Prepositions ending in a connector ("mbele ya", "dhidi ya"): a person's full name follows.
PREPOSITIONS = frozenset(
    {"mbele", "nyuma", "baada", "kabla", "juu", "kati", "badala", "dhidi", "miongoni",
     "karibu", "pamoja", "chini"}
)  # fmt: skip
# After these words a capitalised run is a place: "mjini Addis Ababa", "jijini Dar es Salaam".
LOCATIVES = frozenset(
    {"mjini", "jijini", "nchini", "mkoani", "wilayani", "kijijini", "huko", "katika", "kwenye",
     "eneo", "kisiwani", "visiwani", "barani", "bandarini", "in", "at"}
)  # fmt: skip

# --- Direct speech inside a paragraph -------------------------------------------------------
# A quotation is speech when one of these verbs introduces or follows it. A verb is matched
# as a whole word: subject prefix, optional tense, optional object, stem ("alisema",
# "wakisema", "aliwaambia", "amemweleza", "husema"); "kusema" and "aliyesema" do not match.
QUOTE_VERB_STEMS = (
    "sema", "ongeza", "eleza", "sisitiza", "hoji", "bainisha", "ambia", "onya", "jibu", "dai",
    "shauri", "tahadharisha", "kiri", "uliza", "pendekeza", "ahidi", "lalamika", "thibitisha",
    "kumbusha", "tangaza", "nukuliwa", "andika", "fafanua", "sihi", "tamka", "nena", "ongea",
    "hitimisha", "endelea", "jigamba", "malizia",
    "simulia",
)  # fmt: skip
QUOTE_VERB_SUBJECTS = ("a", "wa", "ni", "tu", "m", "mu", "u", "i", "li", "ki", "ya", "zi", "vi")
QUOTE_VERB_TENSES = ("li", "me", "na", "ki", "ta", "ka", "nge", "ngali", "sha", "ja")
QUOTE_VERB_OBJECTS = ("m", "mw", "wa", "ki", "i", "li", "tu", "ku", "ni", "zi", "ya", "vi", "u")
# A word after a name that agrees with a person, making the name the sentence's subject:
# "Kamau alikiri", "Kamau, ambaye …", "Kamau, anayejulikana kama …" (not "ambayo", a thing's).
# A negative verb agrees too ("Kamau hakukubali"), but "hakuna" (there is none) does not.
PERSON_AGREEMENT = r"ambaye|a(?:li|me|na|ta|ka|ki|nge|ngali)\w+|ha(?!kuna\b)(?:ku|ja|ta)\w+"
# Speech verbs whose next words are the person spoken to: "aliiambia DW", "aliwajibu wabunge".
QUOTE_VERB_ADDRESSED = frozenset({"ambia", "uliza", "kumbusha", "sihi", "shauri"})
# Words that end a clause introducing speech after its verb: "alisema kuwa “…”".
QUOTE_THAT = frozenset({"kuwa", "kwamba", "hivi", "hivyo", "kama"})
# Two people who speak together: "Juma Ali na Neema Said, walisema …" (a plural verb).
_JOINT_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4}"
JOINT_SPEAKERS = rf"(?P<first>{_JOINT_NAME})\s+na\s+(?P<second>{_JOINT_NAME})"
JOINT_MORE = rf"(?P<more>{_JOINT_NAME}),\s+$"  # a third name before the pair: "A, B na C"
PLURAL_PERSON_VERB = r"wa(?:li|me|na|ta|ka|ki|nge|ngali)\w+"
# An aside set off by commas between a subject and its verb: "Maina, kwa upande wake, alikiri".
ASIDE_MAX_WORDS = 4
# "Kwa mujibu wa Amina Juma, “…”": speech introduced without a verb.
QUOTE_ACCORDING = r"(?:kwa mujibu wa|kulingana na)\b.{2,80},\s*$"
# After a speech verb, words that are not its subject ("alisema jana", "alisema kwa hasira").
NOT_SUBJECT_WORDS = frozenset(
    {"jana", "leo", "juzi", "kesho", "hapo", "pia", "tena", "huku", "kwa", "na", "wakati",
     "baadaye", "awali", "mbele", "akiwa", "wakiwa", "alipokuwa", "walipokuwa", "katika",
     "kwenye", "mjini", "jijini", "nchini", "bungeni", "mahakamani", "kuwa", "kwamba", "hivi",
     "hivyo", "mara", "hii", "siku", "asubuhi", "jioni", "usiku", "mchana", "alipozungumza",
     "walipozungumza", "akizungumza", "akihutubia", "alipohojiwa", "akiongeza", "mwishoni"}
)  # fmt: skip
# A subject that points back to someone named earlier: "mwenyekiti huyo", "kiongozi huyu".
BACK_REFERENCES = frozenset({"huyo", "huyu", "hao", "hawa", "yule", "wale"})
# Capitalised words that are not a one-word speaker: "Naye alisema", "Jana alisema".
NOT_SPEAKER_WORDS = frozenset(
    {"naye", "nao", "yeye", "wao", "sisi", "mimi", "hata", "lakini", "pia", "aidha", "hivyo",
     "jana", "leo", "juzi", "kisha", "baadaye", "hapo", "mbali", "kwa", "na", "awali", "tena",
     "hii", "huyo", "serikali", "wizara", "polisi", "jeshi", "chama", "kampuni", "shirika",
     "mahakama", "bunge", "ofisi", "taarifa", "ripoti", "amesema", "alisema"}
    | {d.lower() for d in DAYS} | {m.lower() for m in MONTHS}
)  # fmt: skip
QUOTE_TERM_MAX_WORDS = 4  # a shorter quotation with no speech verb is a term, not speech
# A nickname right after a full name: "Iddi Salum, maarufu kama “Chuma”", "Iddi Salum
# 'Chuma'", "Iddi Salum (Chuma)". A later "alisema Chuma" means Iddi Salum.
NICKNAME = (
    r"\s*,?\s*(?:(?:maarufu|almaarufu|anayejulikana|aliyejulikana|anayefahamika|"
    r"aliyefahamika)\s+(?:kwa\s+jina\s+la\s+)?(?:kama\s+)?)?"
    r"[\"'\u201c\u2018\u201e\u00ab(]\s*(?P<nick>[A-Z][\w\u2019' -]{0,40}?)\s*"
    r"[\"'\u201d\u2019\u201c\u00bb)]"
)

# --- Publishers -----------------------------------------------------------------------------
# Text on a page (usually furniture) that names its publisher; the first hit becomes source.name.
PUBLISHERS = (
    (
        r"\bdw\.com\b|tovuti zaidi za DW|Deutsche Welle|\bDW Kiswahili\b|Idhaa ya Kiswahili ya DW",
        "DW Kiswahili",
    ),
    (r"bbc\.com/swahili|\bBBC News,? Swahili\b|\bBBC Swahili\b", "BBC News Swahili"),
    (r"mwananchi\.co\.tz|Mwananchi Communications", "Mwananchi"),
    (r"taifaleo\.nation\.co\.ke|\bTaifa Leo\b", "Taifa Leo"),
    (r"voaswahili\.com|\bVOA Swahili\b|Sauti ya Amerika", "VOA Swahili"),
    (r"habarileo\.co\.tz|\bHabariLeo\b", "HabariLeo"),
    (r"mwanaspoti\.co\.tz|\bMwanaspoti\b", "Mwanaspoti"),
    (r"rfi\.fr/sw|\bRFI Kiswahili\b", "RFI Kiswahili"),
    (r"news\.un\.org/sw|\bHabari za UN\b|\bUN News Kiswahili\b", "Habari za UN"),
    (r"swahili\.cri\.cn|\bCRI Kiswahili\b|China Radio International", "CRI Kiswahili"),
    (r"ippmedia\.com|\bNipashe\b", "Nipashe"),
    (r"thecitizen\.co\.tz|\bThe Citizen\b", "The Citizen"),
    (r"citizen\.digital|\bCitizen Digital\b|Royal Media Services", "Citizen Digital"),
)

# --- HTML landmarks -------------------------------------------------------------------------
# Elements around the story, and class/id words of widgets, with the reason they are furniture.
HTML_LANDMARKS = {
    "nav": NAVIGATION,
    "header": NAVIGATION,
    "menu": NAVIGATION,
    "form": NAVIGATION,
    "footer": FOOTER,
    "aside": RELATED,
    "figure": PHOTO,
    "figcaption": PHOTO,
    "iframe": MEDIA,
    "video": MEDIA,
    "audio": MEDIA,
}
HTML_CLASS_HINTS = (
    ("share", SHARE),
    ("social", SHARE),
    ("advert", ADVERT),
    ("sponsor", ADVERT),
    ("tangazo", ADVERT),
    ("related", RELATED),
    ("recommend", RELATED),
    ("breadcrumb", BREADCRUMB),
    ("menu", NAVIGATION),
    ("caption", PHOTO),
    ("credit", PHOTO),
    ("schedule", SCHEDULE),
    ("ratiba", SCHEDULE),
    ("cookie", FOOTER),
    ("comment", RELATED),
)

# --- Long lines -----------------------------------------------------------------------------
# A line longer than this is a whole story on one line (a dataset dump, a scrape that lost its
# line breaks): it is cut into paragraphs of a few sentences, at boundaries the text has.
LONG_LINE_WORDS = 120
PARAGRAPH_MIN_WORDS = 20
PARAGRAPH_TARGET_WORDS = 40
PARAGRAPH_MAX_WORDS = 120
PARAGRAPH_MAX_SENTENCES = 5
# A story's opening sentence leads it on its own when it is this long; a shorter one is a
# dateline ("Dar es Salaam.") or a fragment that belongs with the next.
LEAD_MIN_WORDS = 12
# Words that open a new paragraph in Swahili news: a cut is preferred right before them.
PARAGRAPH_OPENERS = (
    "akizungumza", "akihutubia", "akieleza", "akijibu", "akisisitiza", "akiongeza",
    "wakizungumza", "hata hivyo", "aidha", "kwa upande wake", "kwa upande wao", "naye",
    "nao", "pia", "mbali na hayo", "mbali na hilo", "wakati huo huo", "wakati huohuo",
    "kadhalika", "vilevile", "vile vile", "hivyo", "lakini", "kwa mujibu wa", "awali",
    "baadaye", "katika hatua nyingine", "kutokana na hali hiyo", "licha ya hayo", "hatahivyo",
    "hii ni mara", "hayo yanajiri", "hayo yamejiri", "kufuatia hali hiyo", "kwa sasa",
)  # fmt: skip
# Before a capitalised word in text without full stops, these words make it part of a name
# or a title ("alisema Rais Samia", "mkoani Dar es Salaam", "Mkuu wa Wilaya"), not the start
# of a new sentence; so do speech verbs (SPEECH_STEMS).
NAME_JOINERS = CONNECTORS | LOCATIVES | frozenset(
    {"na", "ni", "au", "kama", "hadi", "mpaka", "dhidi", "pamoja", "kati", "kuhusu", "bila",
     "mheshimiwa", "mto", "ziwa", "mlima", "bahari", "kijiji", "mtaa", "kata", "tarafa",
     "shule", "hospitali", "uwanja", "mji", "timu", "klabu", "mwezi", "siku", "tarehe",
     "mwaka", "toka", "kwenda", "mitaa", "ndugu", "marehemu", "hayati", "the", "of", "and",
     "es", "al", "el", "bin", "binti", "bint", "de", "da", "van", "von",  # "Dar es Salaam"
     # titles and offices, written in lower case before a name
     "rais", "makamu", "waziri", "mkuu", "naibu", "katibu", "mwenyekiti", "mkurugenzi",
     "msemaji", "kamanda", "kamishna", "balozi", "spika", "jaji", "meya", "mbunge", "diwani",
     "askofu", "padri", "sheikh", "mufti", "jenerali", "luteni", "kanali", "meja", "kapteni",
     "inspekta", "dkt", "dk", "dr", "bi", "bw", "mhe", "mh", "prof", "profesa", "daktari",
     "bwana", "bibi", "mwalimu", "kocha", "nahodha", "mchungaji", "afisa", "mhandisi",
     "wakili", "seneta", "gavana", "chifu", "mzee", "mama", "baba", "mjumbe", "kiongozi"}
)  # fmt: skip
# A capitalised word that starts a sentence even when a name follows it ("… kwa muda Rais
# Samia alisema …", "… kidogo Mama Rehema Juma …"): titles and offices.
TITLE_WORDS = frozenset(
    {"rais", "makamu", "waziri", "mkuu", "naibu", "katibu", "mwenyekiti", "mkurugenzi",
     "msemaji", "kamanda", "kamishna", "balozi", "spika", "jaji", "meya", "mbunge", "diwani",
     "askofu", "padri", "sheikh", "mufti", "jenerali", "mheshimiwa", "profesa", "daktari",
     "bwana", "bibi", "mwalimu", "kocha", "nahodha", "mchungaji", "afisa", "mhandisi",
     "wakili", "gavana", "mzee", "mama", "baba", "kiongozi", "mtendaji", "meneja"}
)  # fmt: skip
# What a paragraph cut at each kind of boundary costs (negative: a cut the text asks for): a
# double space is the page's own paragraph break, a sentence before an opener the usual one;
# the guesses in text without full stops cost more, a lower-case opener most.
BOUNDARY_COSTS = {
    "double": -1.0,
    "opener": -0.3,
    "sentence": 0.0,
    # before a quotation: it stays with the sentence that names its speaker, and a quotation
    # opening a paragraph would be read as a quote block of its own
    "quotation": 0.6,
    "capital opener": -0.3,
    "capital": 0.2,
    "lower opener": 0.8,
    "clause": 1.5,  # before a conjunction ("lakini", "ambapo"): mid-sentence, but a pause
    "word": 3.0,  # between any two words: only where the text offers nothing else
}
# Openers that are rarely anything else, so that they start a paragraph even in lower case.
LOWER_CASE_OPENERS = (
    "akizungumza", "akihutubia", "akieleza", "akijibu", "akisisitiza", "akiongeza",
    "wakizungumza", "aidha", "kadhalika", "hata hivyo", "kwa upande wake", "kwa upande wao",
    "mbali na hayo", "mbali na hilo", "wakati huo huo", "wakati huohuo",
    "katika hatua nyingine", "hayo yanajiri", "hayo yamejiri", "licha ya hayo",
)  # fmt: skip
# A double space left inside a paragraph: the page's break ignored.
DOUBLE_SPACE_KEPT_COST = 3.0
