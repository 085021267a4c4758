"""Fictional names that fit the person's age and the family's background.

Faker's en_GB names suit grandparents (its first names lean towards people born before
1970), so children and parents draw first names from short lists of names common in
England for their generation; some families draw from the names of other communities in
the borough. Every choice comes from the seeded random generator, so runs repeat.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from faker import Faker


@dataclass(frozen=True)
class Pool:
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    older_women: tuple[str, ...]
    older_men: tuple[str, ...]
    surnames: tuple[str, ...]


BRITISH = Pool(
    girls=(
        "Olivia",
        "Amelia",
        "Isla",
        "Ava",
        "Mia",
        "Ivy",
        "Lily",
        "Rosie",
        "Grace",
        "Freya",
        "Poppy",
        "Evie",
        "Ella",
        "Ruby",
        "Daisy",
        "Willow",
        "Maisie",
        "Lacey",
        "Summer",
        "Skye",
        "Kayla",
        "Chloe",
        "Megan",
        "Leah",
        "Holly",
        "Jasmine",
        "Niamh",
        "Harper",
        "Millie",
        "Esme",
        "Ellie",
        "Phoebe",
        "Scarlett",
        "Macy",
        "Tilly",
    ),
    boys=(
        "Noah",
        "Oliver",
        "Leo",
        "George",
        "Harry",
        "Jack",
        "Charlie",
        "Freddie",
        "Alfie",
        "Theo",
        "Archie",
        "Oscar",
        "Tommy",
        "Kian",
        "Riley",
        "Mason",
        "Tyler",
        "Kai",
        "Logan",
        "Jayden",
        "Lewis",
        "Callum",
        "Reece",
        "Brandon",
        "Ethan",
        "Jake",
        "Liam",
        "Dylan",
        "Finley",
        "Harley",
        "Ronnie",
        "Jacob",
        "Louie",
        "Bobby",
        "Frankie",
    ),
    women=(
        "Jade",
        "Gemma",
        "Kelly",
        "Stacey",
        "Danielle",
        "Chelsea",
        "Amy",
        "Leanne",
        "Laura",
        "Hayley",
        "Charlotte",
        "Shannon",
        "Kirsty",
        "Natalie",
        "Jodie",
        "Rebecca",
        "Lauren",
        "Sophie",
        "Emma",
        "Stephanie",
        "Zoe",
        "Abbie",
        "Kayleigh",
        "Samantha",
        "Courtney",
        "Becky",
        "Carly",
        "Nicola",
        "Louise",
        "Rachel",
    ),
    men=(
        "Dean",
        "Craig",
        "Lee",
        "Ryan",
        "Jamie",
        "Liam",
        "Scott",
        "Ashley",
        "Daniel",
        "Jordan",
        "Kyle",
        "Shane",
        "Wayne",
        "Carl",
        "Luke",
        "Aaron",
        "Josh",
        "Connor",
        "Adam",
        "Tom",
        "Darren",
        "Nathan",
        "Matt",
        "Kieran",
        "Gary",
        "Stuart",
        "Mark",
        "Ben",
    ),
    older_women=(),  # Faker
    older_men=(),  # Faker
    surnames=(),  # Faker
)

SOUTH_ASIAN = Pool(
    girls=("Ayesha", "Zara", "Maryam", "Hafsa", "Inaya", "Aleena", "Sana", "Amira", "Anaya"),
    boys=("Ibrahim", "Yusuf", "Zayn", "Musa", "Rayan", "Ayaan", "Hamza", "Idris", "Arham"),
    women=("Saima", "Nadia", "Shazia", "Rubina", "Aisha", "Farah", "Sadia", "Rukhsana"),
    men=("Imran", "Asif", "Tariq", "Kamran", "Adnan", "Bilal", "Faisal", "Shahid"),
    older_women=("Parveen", "Nasreen", "Zubaida", "Shamim"),
    older_men=("Mohammed", "Abdul", "Bashir", "Rashid"),
    surnames=("Khan", "Hussain", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Begum", "Rashid"),
)

WEST_AFRICAN = Pool(
    girls=("Amara", "Chioma", "Adaeze", "Ife", "Zainab", "Ada", "Temi", "Esi"),
    boys=("Chidi", "Femi", "Tobi", "Kofi", "Emeka", "Dami", "Kwame", "Tayo"),
    women=("Ngozi", "Funmi", "Blessing", "Abena", "Chinwe", "Yetunde", "Adwoa"),
    men=("Olu", "Segun", "Kunle", "Kwabena", "Obinna", "Tunde", "Yaw"),
    older_women=("Comfort", "Grace", "Patience", "Florence"),
    older_men=("Samuel", "Joseph", "Emmanuel", "Augustine"),
    surnames=("Okafor", "Adeyemi", "Mensah", "Owusu", "Okeke", "Adebayo", "Asante", "Boateng"),
)

POLISH = Pool(
    girls=("Zuzanna", "Julia", "Maja", "Lena", "Hanna", "Oliwia", "Amelia", "Nikola"),
    boys=("Jakub", "Antoni", "Szymon", "Filip", "Kacper", "Oskar", "Igor", "Bartek"),
    women=("Agnieszka", "Kasia", "Magda", "Ewa", "Joanna", "Marta", "Monika"),
    men=("Tomasz", "Piotr", "Marek", "Pawel", "Krzysztof", "Lukasz", "Michal"),
    older_women=("Halina", "Krystyna", "Danuta", "Barbara"),
    older_men=("Jerzy", "Stanislaw", "Andrzej", "Zbigniew"),
    surnames=("Nowak", "Mazur", "Krawczyk", "Kaczmarek", "Zajac", "Dudek", "Wrobel", "Sikora"),
)

CARIBBEAN = Pool(
    girls=("Nia", "Aaliyah", "Jada", "Amani", "Kiara", "Tiana", "Imani", "Maya"),
    boys=("Malachi", "Tyrese", "Jaden", "Elijah", "Josiah", "Isaiah", "Kairo", "Marley"),
    women=("Tanisha", "Keisha", "Simone", "Shanice", "Latoya", "Kerry-Ann", "Danielle"),
    men=("Marlon", "Jermaine", "Andre", "Dwayne", "Leon", "Curtis", "Tyrone"),
    older_women=("Marcia", "Beverley", "Hyacinth", "Sonia"),
    older_men=("Delroy", "Winston", "Errol", "Clive"),
    surnames=("Campbell", "Clarke", "Thompson", "Grant", "Francis", "Brown", "Reid", "Gordon"),
)

POOLS: tuple[tuple[Pool, float], ...] = (
    (BRITISH, 0.68),
    (SOUTH_ASIAN, 0.1),
    (WEST_AFRICAN, 0.08),
    (POLISH, 0.07),
    (CARIBBEAN, 0.07),
)


def ascii_slug(text: str) -> str:
    """'Zając-Smith' -> 'zajac-smith': for usernames."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == "-")


class Names:
    """First names and surnames for one seeded run."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng = rng
        self.fake = fake

    def pool(self) -> Pool:
        pools, weights = zip(*POOLS, strict=True)
        return self.rng.choices(pools, weights=weights)[0]

    def surname(self, pool: Pool) -> str:
        if pool.surnames:
            return self.rng.choice(pool.surnames)
        return str(self.fake.last_name())

    def first(self, pool: Pool, *, female: bool, generation: str) -> str:
        if generation == "child":
            return self.rng.choice(pool.girls if female else pool.boys)
        if generation == "grandparent":
            names = pool.older_women if female else pool.older_men
            if names:
                return self.rng.choice(names)
            return str(self.fake.first_name_female() if female else self.fake.first_name_male())
        return self.rng.choice(pool.women if female else pool.men)

    def staff(self, *, female: bool) -> tuple[str, str]:
        """A council worker's name: any generation, any background."""
        pool = self.pool()
        generation = self.rng.choice(("parent", "parent", "grandparent"))
        return self.first(pool, female=female, generation=generation), self.surname(pool)
