"""Hand-written wire-style bodies for the text-similarity tests: one story told twice,
stories that share nothing, and a stock paragraph that every article could end with."""

from __future__ import annotations

#: A story, and the same story as another desk wrote it up: most sentences kept, the lead
#: rewritten, one sentence dropped and one added.
RICE_STORY = (
    "Dakar, 4 mars (VNA) - Des ingénieurs agronomes vietnamiens formeront cette année "
    "quatre-vingts techniciens sénégalais à la culture du riz irrigué dans la vallée du "
    "fleuve Sénégal.\n\n"
    "Le programme prévoit des parcelles de démonstration près de Saint-Louis, où des "
    "variétés à cycle court venues du delta du Mékong seront semées dès la saison des "
    "pluies. Les techniciens apprendront aussi à entretenir les canaux et à doser les "
    "engrais sans épuiser les sols.\n\n"
    "Selon le chef de la mission, les rendements des parcelles pilotes ont doublé en deux "
    "campagnes, passant de trois à plus de six tonnes par hectare. Une rizerie financée "
    "par les deux parties doit ouvrir l'an prochain à Podor.\n"
)
RICE_RETOLD = (
    "Saint-Louis (VNA) - Quatre-vingts techniciens sénégalais suivront cette année une "
    "formation à la riziculture irriguée donnée par des agronomes venus du Vietnam.\n\n"
    "Le programme prévoit des parcelles de démonstration près de Saint-Louis, où des "
    "variétés à cycle court venues du delta du Mékong seront semées dès la saison des "
    "pluies. Les techniciens apprendront aussi à entretenir les canaux et à doser les "
    "engrais sans épuiser les sols.\n\n"
    "Selon le chef de la mission, les rendements des parcelles pilotes ont doublé en deux "
    "campagnes, passant de trois à plus de six tonnes par hectare. Les premiers sacs "
    "seront vendus sur les marchés de Dakar avant la fin de l'année.\n"
)

#: Stories about other things, sharing no sentence with each other or the rice story.
OTHER_STORIES = (
    "Hanoï (VNA) - Une exposition de laques anciennes prêtées par un musée de Kyoto a "
    "ouvert ses portes samedi dans la capitale. Les visiteurs y découvrent des paravents "
    "du dix-huitième siècle restaurés par des artisans des deux pays.",
    "Hô Chi Minh-Ville (VNA) - La ligne maritime directe entre le port de Cat Lai et "
    "Rotterdam transportera ses premiers conteneurs de café et de poivre en juin, a "
    "annoncé la compagnie qui l'exploite.",
    "Vientiane (VNA) - Les ministères de la Santé du Laos et du Vietnam ont signé un plan "
    "commun de vaccination contre la rougeole pour les villages frontaliers des provinces "
    "montagneuses.",
    "Canberra (VNA) - Trois universités australiennes accueilleront à la rentrée une "
    "centaine d'étudiants vietnamiens en génie civil, grâce à des bourses cofinancées par "
    "des entreprises de construction.",
    "Buenos Aires (VNA) - Une équipe de chercheurs argentins et vietnamiens étudiera "
    "pendant trois ans la résistance des élevages de crevettes aux variations de salinité "
    "des estuaires.",
)

#: The kind of closing paragraph a wire repeats under every story: boilerplate.
STOCK_PARAGRAPH = (
    "\n\nLes deux parties ont réaffirmé leur volonté de renforcer l'amitié traditionnelle "
    "et la coopération multiforme, dans l'intérêt de leurs peuples, pour la paix, la "
    "stabilité et le développement dans la région et dans le monde. Elles ont convenu de "
    "maintenir des échanges de délégations à tous les niveaux et de coordonner étroitement "
    "leurs positions dans les forums régionaux et internationaux, notamment aux Nations "
    "unies, tout en encourageant les entreprises des deux pays à mieux se connaître.\n"
)
