"""The words a consultation shares between the form stakeholders fill in, the intake that
reads it back, the decisions sheet and the report: sheet names, the codes of the closed
answers with the labels the form shows ("Română / English"), and the provision and
document a comment is about when it names none.

They are a contract: a form already sent out must still be read back, so change them only
together with the intake.
"""

from __future__ import annotations

# Sheet names may not contain "/", so these pair the languages with a dash.
INSTRUCTIONS_SHEET = "Instrucțiuni - Instructions"
RESPONDENT_SHEET = "Respondent"
FEEDBACK_SHEET = "Feedback"
LISTS_SHEET = "Liste"

# The drop-down choices, code -> what the form shows ("Română / English").
STAKEHOLDER_TYPES: dict[str, str] = {
    "public-authority": "autoritate publică / public authority",
    "parliament": "Parlament / parliament",
    "civil-society": "societate civilă / civil society",
    "international-organisation": "organizație internațională / international organisation",
    "academia": "mediul academic / academia",
    "private-sector": "sector privat / private sector",
    "professional-association": "asociație profesională / professional association",
    "individual": "persoană fizică / individual",
    "other": "altele / other",
}
POSITIONS: dict[str, str] = {
    "support": "susțin / support",
    "support-with-amendments": "susțin cu modificări / support with amendments",
    "oppose": "nu susțin / oppose",
    "comment": "comentariu / comment",
}
CONSENT: dict[str, str] = {"yes": "da / yes", "no": "nu / no"}

GENERAL = "General"  # the provision of a comment on the whole document
MAIN_DOCUMENT = "draft-law"  # the document a comment is about when it names none

# The reason intake gives for the one row it rejects: a row with no text to answer.
NOTHING_TO_ANSWER = "no comment, no proposed wording and no answer: nothing to answer"
