"""Turn the parts of a danger statement or goal into one plain sentence.

The page shows the sentence as the worker types (through the compose endpoint, so this is
the only copy of the wording), and the worker may then reword it.
"""

from __future__ import annotations


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def _lower_first(text: str) -> str:
    # Keep names and "I" as written; lower-case only an ordinary first word.
    if len(text) > 1 and text[0].isupper() and text[1].islower() and not text.startswith("I "):
        first_word = text.split(" ", 1)[0]
        if first_word.lower() in {"the", "he", "she", "they", "when", "if", "there", "his", "her"}:
            return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _worried_verb(who: str) -> str:
    plural = " and " in who or "," in who or who.lower().startswith(("we ", "they "))
    return "are" if plural or who.lower() in {"we", "they"} else "is"


def compose_danger_statement(
    *, who_is_worried: str, adult_behaviour: str, feared_for_child: str
) -> str:
    who, behaviour, fear = (
        _clean(part) for part in (who_is_worried, adult_behaviour, feared_for_child)
    )
    if not (who or behaviour or fear):
        return ""
    sentences = []
    if who and behaviour:
        sentences.append(f"{who} {_worried_verb(who)} worried that {_lower_first(behaviour)}")
    elif behaviour:
        sentences.append(f"We are worried that {_lower_first(behaviour)}")
    elif who:
        sentences.append(f"{who} {_worried_verb(who)} worried")
    if fear:
        sentences.append(f"If nothing changes, they worry that {_lower_first(fear)}")
    return " ".join(_sentence(sentence) for sentence in sentences)


def compose_goal(
    *, adults_will: str, child_will_experience: str, who_will_see: str, how_long: str
) -> str:
    adults, child, who, duration = (
        _clean(part) for part in (adults_will, child_will_experience, who_will_see, how_long)
    )
    sentences = [adults, child]
    if who and duration:
        sentences.append(f"{who} will see this happening for {_lower_first(duration)}")
    elif who:
        sentences.append(f"{who} will see this happening")
    elif duration:
        sentences.append(f"This will be seen for {_lower_first(duration)}")
    return " ".join(_sentence(sentence) for sentence in sentences if sentence)
