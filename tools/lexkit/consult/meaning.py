"""A stakeholder's position and stakeholder type, read by meaning rather than from a list.

Stakeholders do not pick from our drop-downs: they write „Susținem cu modificări”,
"Somewhat agree", «Поддерживаем с замечаниями», "Charity or social enterprise". These
readers fold the text (case, diacritics, ş ţ with a cedilla, punctuation) into words and
read them by word stems, negation and qualifiers, in Romanian, Russian and English.

Both return ``None`` when the text is not understood, so the caller keeps the raw value and
flags it instead of guessing.

This module imports nothing from :mod:`lexkit.consult.fields`: ``fields`` delegates to it,
and an import back would make a cycle.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Final

SUPPORT: Final = "support"
AMENDMENTS: Final = "support-with-amendments"
OPPOSE: Final = "oppose"
COMMENT: Final = "comment"

# Only the start of a cell is read: a position is never deep inside a long text.
_MAX_CHARS = 300
# An answer this short is read whole; a longer one only by its first sentence.
_SHORT_CHARS = 200
_SHORT_WORDS = 12
# Words that are neither known filler nor part of the answer, allowed before the position
# in a short answer ("Our organisation supports"); none in a long one.
_SHORT_SLACK = 3
# How far after the position a qualifier ("... with the following amendments") still counts.
_QUALIFIER_WINDOW = 12
_LONG_TOKENS = 30


# The combining marks of Latin and Cyrillic letters (ș ş ă î й ё): one regex pass strips
# them far faster than a loop over characters, and this runs on every row of a big file.
_MARKS = re.compile("[\u0300-\u036f]")


def _bare(text: str) -> str:
    """Pattern text without diacritics, as the folded input has none (й -> и, ț -> t).

    No casefold: the patterns are written in lower case, and regex escapes must survive.
    """
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def _words(text: str) -> frozenset[str]:
    return frozenset(_bare(text).split())


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_bare(pattern), re.X)


_APOSTROPHE = re.compile("['’ʼ`´]")  # don't -> dont, a single word
_TOKEN = re.compile(r"\w+|,")  # commas kept: they end the scope of a negation
_SIDES = re.compile(r"\s*[/|\n]\s*")  # "Susțin / Support", as fields.label_sides


def _tokens(text: str) -> list[str]:
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return _TOKEN.findall(_APOSTROPHE.sub("", folded))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):  # an empty cell read by pandas
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _split_sides(text: str) -> list[str]:
    return [part for part in _SIDES.split(text) if part.strip()]


# --- position: the kinds of words ----------------------------------------------------

# Kinds of a folded word in an answer.
_SUPPORTS = "S"  # a verb or noun of support: susținem, agree, поддерживаем
_OPPOSES = "O"  # of opposition: ne opunem, object, возражаем
_WEAK_FOR = "WS"  # for, pentru, за, da, yes: a position only when little else is said
_WEAK_AGAINST = "WO"  # contra
_COMMENT_WORD = "C"  # comment, comentariu, комментарий: "no comment" is still a comment
_REMARK = "R"  # remarks, observații, замечания: "without remarks" is support
_NEUTRAL = "N"  # neutral, undecided, abstain, затрудняюсь
_NEGATOR = "NEG"  # not, nu, не, no, fără, без
_NEITHER_NOR = "NICI"  # nici ... nici, ни ... ни; a single "nici o" is a negation
_OPINION = "P"  # opinion, know, sure: negated, it means no position ("don't know")
_FILLER = "PRE"  # pronouns, auxiliaries, intensifiers: allowed before a position
_QUALIFIER = "Q"  # partially, condiționat, частично, but, dar, но, only

_FILLER_WORDS = _words(
    # English
    "i we me us my our it its this that these those they he she the a an am are is was were"
    " be been being do does did have has had would will shall should can could may might must"
    " generally broadly fully strongly totally completely entirely wholly wholeheartedly"
    " absolutely very much really definitely firmly clearly tend to overall in on at of"
    " general principle part also still therefore hereby thus so all both highly rather quite"
    " certainly there any major significant substantial serious fundamental further other"
    " particular whole entirety basically essentially respectfully unconditionally"
    " unconditional"
    # Romanian
    " eu noi ne mă se îl o își va vom voi vor sunt suntem sînt sîntem este e ești am avem are"
    " au putem pot poate putea să pe deplin în totalitate integral integralmente complet total"
    " ferm categoric absolut ansamblu principiu parte mare măsură de la și deci astfel prin"
    " prezenta totodată mai degrabă foarte puternic considerăm consider consideră credem cred"
    " apreciem exprimăm că fi fost fie nostru noastră noștri alte esențiale majore deosebite"
    " principiale necondiționat oportun oportună deloc"
    # Russian
    " я мы нас наша наш наше нашей нашему это этот эта вполне полностью целиком в целом"
    " категорически безусловно безоговорочно однозначно решительно абсолютно также тоже"
    " скорее считаем считаю можем могу может будем готовы является есть по совершенно вообще"
    " принципе особых существенных серьезных принципиальных других иных каких все очень как то"
    " так бы и а"
)
# Words about the draft itself, allowed after a weak "for" ("Pentru proiect", "За проект").
_DRAFT_WORDS = _words(
    "draft proposal proposals law bill regulation act text document project measure measures"
    " it this proiect proiectul proiectului lege legea legii hotărâre hotărârea hotărîrea"
    " hotărârii actul actului documentul propunerea textul проект проекта проектом"
    " законопроект законопроекта документ документа закон закона предложение"
)
_NEGATOR_WORDS = _words(
    "not no dont doesnt didnt cannot cant wont isnt arent wasnt never nor without"
    " nu niciun nicio nicidecum fără не нет без никаких никак"
)
# After an objection or a remark: „Obiecții nu sunt”, «Замечаний нет», "Objections: none".
_AFTER_NEGATOR_WORDS = _NEGATOR_WORDS | _words("none lipsă lipsesc отсутствуют нету")
_OPINION_WORDS = _words(
    "opinion opinions opinie opinia opinii мнение мнения мнении мнению view views idea know"
    " știu знаю sure sigur sigură siguri уверен уверена уверены say spune сказать aprecia"
    " applicable aplică применимо position poziție poziția позиции позиция"
)
_WEAK = {
    **dict.fromkeys(_words("for pentru pro yes da да за ok okay"), _WEAK_FOR),
    **dict.fromkeys(_words("contra"), _WEAK_AGAINST),
}
# "Not fully": a reservation, not a refusal.
_FULLY = _words(
    "fully entirely completely wholly totally integral integralmente deplin totalitate complet"
    " total полностью целиком полной"
)
# Contrast words: whatever follows them in a weak answer ("Da, dar ...") is a reservation.
_CONTRAST = _words("but however although though dar însă totuși deși но однако хотя")

_EXACT: dict[str, str] = {
    **dict.fromkeys(_FILLER_WORDS, _FILLER),
    **dict.fromkeys(_OPINION_WORDS, _OPINION),
    **dict.fromkeys(_NEGATOR_WORDS, _NEGATOR),
    **dict.fromkeys(_words("nici ни"), _NEITHER_NOR),
    **_WEAK,
    "neither": _NEUTRAL,
}

# The first group that matches the start of a word gives its kind. A "$" marks a whole
# word where a stem would catch other words (acord/acordăm "we grant", согласно "under").
_SUPPORT_STEMS = r"""
    susțin | sprijin | accept | aprob | approv | support | agree | agreă | agreez
  | endors | welcome | favou?r(?:able|ably)?$ | favorabil | favoare$ | pozitiv | positiv
  | acord$ | поддерж | соглас(?!но$) | одобр | приемлем | положительн
"""
_HEADS = _compile(
    rf"""
    (?P<S> {_SUPPORT_STEMS} )
  | (?P<O>
        opun | opoziți | oppos | împotriv | respin | reject | against$ | против$ | возраж
      | отклон | obiecț(?:ie|ia|ii|iile|ez|ăm|ează|iuni)$ | object(?:s|ed|ing|ion|ions)?$
      | negativ | отрицательн | defavorabil
    )
  | (?P<C> comment | comentari | комментари )
  | (?P<R>
        remark | observation | suggestion | observați | propuner(?!ea$) | sugesti | remarc
      | замечани | предложени(?:я|й|ями)$
    )
  | (?P<N>
        neutr | нейтральн | undecided$ | unsure$ | abstain | abstention | abțin | воздерж
      | затрудня | indiferent | безразлич
    )
  | (?P<Q>
        partial | partly$ | conditional | condiționat | частичн | условн | somewhat$
      | slightly$ | mostly$ | largely$ | mainly$ | only$ | doar$ | numai$ | but$ | dar$
      | însă$ | totuși$ | deși$ | however$ | although$ | though$ | except | unless$
      | provided$ | if$ | dacă$ | но$ | однако$ | хотя$ | кроме$ | исключени | если$
    )
    """
)
_GROUP_KINDS = {
    "S": _SUPPORTS,
    "O": _OPPOSES,
    "C": _COMMENT_WORD,
    "R": _REMARK,
    "N": _NEUTRAL,
    "Q": _QUALIFIER,
}
# dis-, dez-, ne-, не-, in-, un-, non- before a word of support: disagree, dezacord,
# dezaprobăm, nesusținut, неприемлемо, несогласны, inacceptabil, unacceptable.
_NEGATIVE_PREFIX = _compile(r"(?:dis|dez|des|non|ne|не|un|in)(?P<rest>\w{3,})")
_SUPPORT_STEM = _compile(f"(?:{_SUPPORT_STEMS})")

# A qualifier noun after "cu / with / с": modificări, amendments, замечаниями. Romanian
# takes no singular article ("de acord cu propunerea" agrees with the proposal itself),
# Russian no singular "предложением", for the same reason.
_QUALIFIER_NOUN = _compile(
    r"""
    (?:change|amendment|modification|reservation|condition|comment|suggestion|revision
      |caveat|concern|edit|exception|qualification|remark|observation|correction|adjustment
      |improvement|tweak|recommendation|objection|proviso|addition|clarification)s?$
  | (?:modificăr|amendament|obiecți|rezerv|propuner|completăr|observați|condiți|ajustăr
      |îmbunătățir|recomandăr|excepți|sugesti|remarc|precizăr|corectăr|comentari|mențiun
      |clarificăr)(?:i|ile|e|ele)?$
  | (?:rezerv|excepți|condiți)a$ | comentariu$
  | (?:изменени|замечани|дополнени|уточнени|исключени|услови|комментари|рекомендаци)
      (?:ями|ем|ий|и|я|ев)$
  | предложени(?:ями|й)$
  | (?:поправк|оговорк|доработк|корректировк|правк)(?:ами|ой|и)$
  | (?:поправок|оговорок|доработок|корректировок|правок|корректив|коррективами)$
    """
)
_QUALIFIER_STARTS = _words("cu with с со sub")
_QUALIFIER_PAIRS = frozenset(
    (_bare(first), _bare(second))
    for first, second in (
        ("in", "part"),
        ("în", "parte"),
        ("in", "principle"),
        ("în", "principiu"),
        ("в", "принципе"),
        ("subject", "to"),
        ("on", "condition"),
        ("при", "условии"),
    )
)

# Whole answers that say "nothing to answer".
_NOT_APPLICABLE = frozenset({("n", "a"), ("na",), ("n", "d")})


@lru_cache(maxsize=8192)
def _kind(token: str) -> str | None:
    """The kind of a folded word, or ``None`` for a word that carries no position."""
    exact = _EXACT.get(token)
    if exact is not None:
        return exact
    match = _HEADS.match(token)
    if match is not None and match.lastgroup is not None:
        return _GROUP_KINDS[match.lastgroup]
    prefixed = _NEGATIVE_PREFIX.match(token)
    if prefixed is not None and _SUPPORT_STEM.match(prefixed["rest"]):
        return _OPPOSES
    return None


# --- position: reading an answer -----------------------------------------------------


def _qualified(tokens: list[str], stop: int) -> bool:
    """Whether the answer, up to ``stop``, limits its support: partially, with changes, but."""
    for index in range(min(stop, len(tokens))):
        token = tokens[index]
        if _kind(token) == _QUALIFIER:
            return True
        if token in _QUALIFIER_STARTS:
            for noun in tokens[index + 1 : index + 4]:
                if noun == ",":
                    break
                if _QUALIFIER_NOUN.match(noun):
                    return True
        if index + 1 < len(tokens) and (token, tokens[index + 1]) in _QUALIFIER_PAIRS:
            return True
    return False


def _says_nothing_else(tokens: list[str], start: int) -> bool:
    """Whether the words after a weak "for" / "da" are filler or a reservation only.

    "Pentru", "За проект", "Da, cu modificări" are positions; "Pentru art. 5 propunem ..."
    and "За исключением статьи 5" are not.
    """
    index = start
    while index < len(tokens):
        token = tokens[index]
        kind = _kind(token)
        if token in _CONTRAST:
            return True
        if token == "," or token in _DRAFT_WORDS or kind in (_FILLER, _QUALIFIER, _WEAK_FOR):
            index += 1
            continue
        if token in _QUALIFIER_STARTS:
            nouns = range(index + 1, min(index + 4, len(tokens)))
            noun = next((i for i in nouns if _QUALIFIER_NOUN.match(tokens[i])), None)
            if noun is not None:
                index = noun + 1
                continue
        return False
    return True


def _negated_after(tokens: list[str], index: int) -> bool:
    """ "Obiecții nu avem", «Возражений нет»: a negation right after the head."""
    for token in tokens[index + 1 : index + 3]:
        if token == ",":
            return False
        if token in _AFTER_NEGATOR_WORDS:
            return True
    return False


def _resolve(tokens: list[str], head: int, supports: bool, negated: bool, negator: int) -> str:
    if negated and supports:
        # "Nu susținem integral", «не полностью согласны»: support with reservations.
        if negator >= 0 and any(token in _FULLY for token in tokens[negator + 1 : head + 4]):
            return AMENDMENTS
        return OPPOSE
    if negated:  # "nu ne opunem", "no objections": not opposed
        supports = True
    if not supports:
        return OPPOSE
    return AMENDMENTS if _qualified(tokens, head + 1 + _QUALIFIER_WINDOW) else SUPPORT


def _read(tokens: list[str], slack: int) -> str | None:
    """The position of one answer: the first word that states one decides, read with the
    negation before it and the qualifiers around it."""
    words = tuple(token for token in tokens if token != ",")
    if not words:
        return None
    if words in _NOT_APPLICABLE:
        return COMMENT
    negated = False  # until a comma or a word of content: "nu, nu susținem" is one "nu"
    negator = -1
    seen_negator = False
    content = 0
    weak: tuple[int, bool, bool] | None = None
    for index, token in enumerate(tokens):
        if token == ",":
            negated = False
            continue
        kind = _kind(token)
        if kind == _NEITHER_NOR and token in tokens[index + 1 :]:
            return COMMENT  # nici de acord, nici împotrivă
        if kind in (_NEGATOR, _NEITHER_NOR):
            negated, negator, seen_negator = True, index, True
            continue
        if kind in (_FILLER, _QUALIFIER):
            continue
        if kind == _OPINION:
            if negated:
                return COMMENT  # don't know, nu știu, нет мнения, no opinion
            continue
        if kind in (_NEUTRAL, _COMMENT_WORD):
            return COMMENT  # "no comment" is a comment too
        if kind == _REMARK:
            if negated or _negated_after(tokens, index):
                return _resolve(tokens, index, True, False, -1)  # fără observații
            return COMMENT
        if kind in (_SUPPORTS, _OPPOSES):
            supports = kind == _SUPPORTS
            flipped = negated or (not supports and _negated_after(tokens, index))
            return _resolve(tokens, index, supports, flipped, negator)
        if kind in (_WEAK_FOR, _WEAK_AGAINST):
            # A later "support" or "oppose" wins: "Da, susținem", "Yes, we oppose".
            if weak is None:
                weak = (index, kind == _WEAK_FOR, negated)
            continue
        content += 1
        negated = False
        if content > slack:
            break
    if weak is not None and _says_nothing_else(tokens, weak[0] + 1):
        return _resolve(tokens, weak[0], weak[1], weak[2], negator)
    if weak is None and content == 0:
        if seen_negator:
            # "Nu", "No", «Нет»; but "Not fully", «Не полностью» is a partial yes.
            fully = any(token in _FULLY for token in tokens[negator + 1 :])
            return AMENDMENTS if fully else OPPOSE
        if len(words) <= 3 and _qualified(tokens, len(tokens)):
            return AMENDMENTS  # "Parțial", "In part", «Частично»
    return None


def _read_short(text: str) -> str | None:
    """A short answer, read whole; each side of "Susțin / Support" must agree."""
    whole = _read(_tokens(text), _SHORT_SLACK)
    sides = _split_sides(text)
    if len(sides) < 2:
        return whole
    found = {answer for side in sides if (answer := _read(_tokens(side), _SHORT_SLACK))}
    if len(found) > 1 and found != {SUPPORT, AMENDMENTS}:
        return None  # "Da / No", "For / Against"
    if whole is not None:
        return whole
    return found.pop() if found else None


# The end of the first sentence: ; : ! ? a line break, or a full stop before a capital
# ("Susținem. Avem ...") but not inside "art. 5" or "nr. 123".
_CLAUSE_END = re.compile(r"[;:!?\n]|\.(?=\s+[A-ZĂÂÎȘŞȚŢА-ЯЁ])")
_LABEL_KINDS = frozenset({_FILLER, _OPINION})


def _read_long(text: str) -> str | None:
    """A long answer, read by its first sentence only, which must start with the position.

    A first sentence that is only a label ("Poziția noastră:") hands over to the next.
    """
    start = 0
    for _ in range(2):
        end_match = _CLAUSE_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        tokens = _tokens(text[start:end])[:_LONG_TOKENS]
        if any(token != "," and _kind(token) not in _LABEL_KINDS for token in tokens):
            return _read(tokens, 0)
        if end_match is None:
            return None
        start = end_match.end()
    return None


def parse_position(value: object) -> str | None:
    """ "support", "support-with-amendments", "oppose" or "comment"; empty means "comment";
    ``None`` when the text states no position this reader understands.

    Reads Romanian, Russian and English answers by meaning: verb forms of support and
    opposition, negation (nu, не, not, dis-), qualifiers (cu modificări, частично, with
    changes, but), Likert scales. A long text counts only if it starts with its position.
    """
    text = _as_text(value)
    if not text:
        return COMMENT
    head = text[:_MAX_CHARS]
    if not any(ch.isalnum() for ch in head):
        return COMMENT if len(text) <= _MAX_CHARS else None
    if len(text) <= _SHORT_CHARS and len(text.split()) <= _SHORT_WORDS:
        return _read_short(text)
    return _read_long(head)


# --- stakeholder type ----------------------------------------------------------------

# The first rule that matches decides, so the order settles overlaps: a "non-governmental"
# organisation is civil society before "government" is read; an "agent economic" is private
# before "agenție" (agency) is; a "State University" is academia before "state" is public;
# a "member of the public" is an individual. A business or trade association is a
# professional association (it speaks for its members, not as a company); an association
# named without a trade is civil society, as an „asociație obștească” is in Moldova.
_STAKEHOLDER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, _compile(pattern))
    for code, pattern in (
        (
            "parliament",
            r"\b(?:parliament|parlament|парламент|депутат|deputat|mp\b|chamber\ of\ deputies)",
        ),
        (
            "private-sector",
            r"""\b(?:agen[tț]\w*\ economic|operator\w*\ economic|întreprinzător
                |antreprenor|entrepreneur|предпринимател|sole\ trader|self\ employed
                |freelanc)""",
        ),
        (
            "civil-society",
            r"""\b(?:ngos?\b|ong\b|нпо\b|нко\b|csos?\b|osc\b|non\ ?governmental
                |nongovernmental|neguvernamental|неправительствен|негосударствен
                |некоммерческ|non\ ?profit|not\ for\ profit|necomercial|noncomercial
                |charit|caritabil|благотвор|civil\ society|societ\w*\ civil
                |гражданск\w*\ обществ|obștesc|obștească|obștești|общественн
                |public\ association|social\ enterprise|întreprinder\w*\ social
                |социальн\w*\ предприят|foundation|fundați|think\ tank|initiative\ group
                |grup\w*\ de\ inițiativ|инициативн\w*\ групп|volunt|волонт|religio|church
                |biseric|церк|advocacy|human\ rights|drepturil\w*\ omului|правозащит
                |(?:consum|environment|ecolog|экологи|потребител)\w*\ (?:\w+\ )?
                    (?:organi|group|grup|asocia|associa|ngo|ong|организ|объедин|обществ)
                |(?:organi[sz]|asociați|associa|организац|объединени)\w*\ (?:\w+\ )?
                    (?:consum|environment|ecolog|mediu\b|экологи|потребител))""",
        ),
        ("other", r"\b(?:persoan\w*\ juridic|legal\ (?:person|entity)|юридическ\w*\ лиц)"),
        (
            "international-organisation",
            r"""\b(?:international\ organi|organizați\w*\ internațional
                |международн\w*\ организац|intergovernmental|interguvernamental
                |межправительствен|development\ (?:partner|agenc|cooperation)
                |partener\w*\ de\ dezvoltare|партнер\w*\ по\ развити|donor|донор
                |embass|ambasad|посольств|united\ nations|națiunil\w*\ unite|оон\b
                |un\ agenc|undp|unicef|unhcr|oecd|ocde|osce|обсе|council\ of\ europe
                |consiliul\ europei|совет\w*\ европы|european\ union|uniunea\ europeană
                |европейск\w*\ союз|eu\ (?:delegation|institution|agenc|bod)
                |delegați\w*\ (?:ue|uniunii)|european\ commission|comisia\ europeană
                |европейск\w*\ комисси|world\ bank|banca\ mondială|всемирн\w*\ банк
                |imf\b|fmi\b|мвф\b|usaid|giz\b|ebrd|berd\b|ебрр|io\b|igo\b)""",
        ),
        (
            "public-authority",
            r"""\b(?:public\ (?:authorit|sector|administration|bod|institution|service)
                |government|guvern|правительств|ministr|minister|министер|agenc|agenți
                |агентств|authorit|autoritat|autorități|власт|municipal|муниципал|primări
                |мэри|примэри|council|consiliu|совет\b|совета\b|inspectorat|инспекц
                |cancelari|канцеляри|court|judecăt|curtea|суд|procuratur|прокурат
                |ombudsman|avocatul\ poporului|счетн\w*\ палат|national\ bank|banca\ națională
                |национальн\w*\ банк|federal|member\ state|local\ (?:government|authorit
                |council|administration)|самоуправлен|ведомств|apl\b|apc\b
                |state\ (?:government|authorit|agenc|institution|bod|administration
                |owned|enterprise|department)|întreprinder\w*\ de\ stat
                |государствен\w*\ предприят)""",
        ),
        (
            "academia",
            r"""\b(?:universit|университет|academ|академ|research|cercetăr|cercetare|научн
                |исследоват|scientif|științ|stiint|наук|school|școal|școl|colleg|colegiu
                |liceu|лице[ий]|educat|educaț|învățăm|învățămînt|образоват|учебн|вуз)""",
        ),
        (
            "individual",
            r"""\b(?:citizen|cetățean|гражданин|гражданка|граждан[еа]\b|individual|individ\b
                |физическ\w*\ лиц|частн\w*\ лиц|natural\ person|physical\ person
                |private\ (?:person|individual|capacity)|personal\ capacity|person\b
                |persons\b|persoan|лицо\b|members?\ of\ the\ public|resident|locuitor|жител
                |anonym|anonim|аноним|expert\ independent|independent\ expert
                |независим\w*\ эксперт|own\ behalf|nume\ propriu|от\ своего\ имени
                |myself|student|студент|pensioner|pensionar|пенсионер)""",
        ),
        (
            "professional-association",
            r"""\b(?:trade\ union|unions?\b|sindicat|профсоюз|profession|profesional
                |профессиональн|patronat|patronal|employers?\ (?:organi|associa|federation
                |confedera)|объединени\w*\ работодател|chamber
                |camer\w*\ (?:de\ comerț|notarial|auditor|avocat)|палат|bar\ association
                |barou|uniun|союз|federați|federation
                |федераци|confedera|конфедерац|guild|breasl)
            |^(?=.*\b(?:associa|asociați|ассоциац|объединени))
                (?=.*\b(?:business|trade|industr|employer|compan|bank|banc|банк|producer
                |producător|afaceri|patronal|commerc|comerț|enterprise|întreprinder
                |предприним|предприят|бизнес|производител|работодател|промышлен|bar\b
                |fermier|farmer|фермер|exportator|importator|transport|operator))""",
        ),
        (
            "private-sector",
            r"""\b(?:private\ sector|sector\w*\ privat|частн\w*\ сектор|privat|business
                |бизнес|afaceri|compan|компани|firm|фирм|enterprise|întreprinder|предприят
                |corporat|корпорац|industr|индустр|промышлен|employer|angajator
                |работодател|commerc|comerț|коммерческ|bank|banc|банк|sme|imm\b|srl\b|sa\b
                |ltd\b|llc\b|gmbh\b|ооо\b|оао\b|зао\b|пао\b|startup|start\ up|producer
                |producător|производител|farmer|fermier|фермер|trader|comerciant|investor
                |investitor|инвестор|operator|economic)""",
        ),
        (
            "public-authority",
            r"""\b(?:public\ (?:entit|organi|undertaking)|sector\w*\ public|publică|publice|публичн
                |государствен|de\ stat|state\b|administrați\w*\ public|администрац)""",
        ),
        (
            "civil-society",
            r"""\b(?:associa|asociați|ассоциац|объединени|communit|comunitat|сообществ
                |общин|consumer|consumator|потребител|environment|ecolog|экологи|club|клуб
                |movement|mișcar|движени|coaliți|coalition|коалици)""",
        ),
        ("international-organisation", r"\b(?:international|internațional|международн)"),
        (
            "other",
            r"""^(?:other|others|altele|alta|altul|alt|alte|altă|другое|другие|другой|иное
                |иные|прочее|прочие)\b""",
        ),
        # "An organisation", the answer to "individual or organisation?": no more said.
        ("other", r"^(?:an\ )?(?:organi[sz]ation|organizati[ea]|организаци[яи])$"),
    )
)


def _stakeholder(text: str) -> str | None:
    folded = " ".join(token for token in _tokens(text) if token != ",")
    for code, rule in _STAKEHOLDER_RULES:
        if rule.search(folded):
            return code
    return None


def parse_stakeholder_type(value: object) -> str | None:
    """A code of :data:`~lexkit.consult.vocabulary.STAKEHOLDER_TYPES`; empty means "other";
    ``None`` when the text is not understood.

    Reads the categories of lexkit's form and of consultation platforms ("Charity", "Public
    sector", "EU citizen", "Trade Association") in Romanian, Russian and English, by stems.
    The sides of "Company/business organisation" or "ONG / NGO" must agree.
    """
    text = _as_text(value)[:_MAX_CHARS]
    if not any(ch.isalnum() for ch in text):
        return "other"
    whole = _stakeholder(text)
    sides = _split_sides(text)
    if len(sides) < 2:
        return whole
    found = {code for side in sides if (code := _stakeholder(side))}
    if len(found) > 1:
        return None  # "Public authority / NGO"
    if whole is not None:
        return whole
    return found.pop() if found else None
