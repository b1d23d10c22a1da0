"""Romanian-like words the benchmarks' generated comments are made of."""

WORDS = (
    "propunem", "modificarea", "articolului", "autoritatea", "publică", "competentă",
    "asigură", "respectarea", "drepturilor", "copilului", "în", "condițiile", "prezentei",
    "legi", "și", "ale", "actelor", "normative", "prin", "măsuri", "de", "protecție",
    "specială", "asistență", "socială", "evaluare", "periodică", "situației", "familiei",
    "reprezentantul", "legal", "instituțiile", "învățământ", "sănătate", "obligația",
    "informării", "organele", "administrației", "locale", "consiliul", "raional", "termenul",
    "stabilit", "zile", "lucrătoare", "solicitării", "persoanei", "interesate", "datele",
    "caracter", "personal", "prelucrate", "exclusiv", "scopul", "aplicării", "dispozițiilor",
    "regulamentul", "aprobat", "Guvern", "hotărârea", "instanței", "sancțiunea", "amenzii",
    "încălcarea", "prevederilor", "angajatorul", "verifică", "certificatul", "cazierului",
    "judiciar", "înainte", "încheierea", "contractului", "muncă", "voluntariat", "regulat",
    "considerăm", "necesară", "clarificarea", "noțiunii", "excluderea", "textului",
    "completarea", "cuvintele", "sintagma", "redacție", "nouă", "neclar", "costurile",
    "implementării", "nu", "sunt", "estimate", "recomandăm", "consultarea", "părinților",
)  # fmt: skip
