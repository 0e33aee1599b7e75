"""Wire copy: each ACLED sub-event type told the ways agencies and local papers tell it.

The sentences are written for this test in the style of wire copy (active and passive voice,
nominal forms, headlines); none is taken from an article. Each must give a foreground
incident of its type when read with the places of the shipped gazetteer. Those marked
``GAP`` give no event or another type still: they record what the codebook does not yet
know (strict: one that starts to pass fails until its mark is removed). A rule that closed a
gap has more sentences of its own beside it, and a near miss in ``NEAR_MISSES``: a like
sentence it must not read as that type.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.model import Article

PUBLISHED = dt.date(2024, 5, 20)
GAP = pytest.mark.xfail(strict=True, reason="not yet read as its type (issue 12)")

ARMED_CLASH = ("Battles", "Armed clash")
REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
CHEMICAL = ("Explosions/Remote violence", "Chemical weapon")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
GRENADE = ("Explosions/Remote violence", "Grenade")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SEXUAL = ("Violence against civilians", "Sexual violence")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
ATTACK = ("Violence against civilians", "Attack")
PEACEFUL = ("Protests", "Peaceful protest")
INTERVENTION = ("Protests", "Protest with intervention")
EXCESSIVE = ("Protests", "Excessive force against protesters")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
MOB = ("Riots", "Mob violence")
ARRESTS = ("Strategic developments", "Arrests")
AGREEMENT = ("Strategic developments", "Agreement")
CHANGE = ("Strategic developments", "Change to group/activity")
BASE = ("Strategic developments", "Headquarters or base established")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
LOOTING = ("Strategic developments", "Looting/property destruction")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
OTHER = ("Strategic developments", "Other")

#: Sentences by the (event type, sub-event type) they must give.
WIRE_COPY: dict[tuple[str, str], tuple[str, ...]] = {
    ARMED_CLASH: (
        "Soldiers and Islamist militants exchanged fire near Diffa on Tuesday, the army said.",
        "Government troops clashed with rebels outside Goma on Saturday, leaving at least 12 dead.",
        "Heavy fighting erupted between the army and the RSF in Omdurman on Sunday.",
        "Two soldiers were killed when militants attacked an army post near Mopti on Monday.",
        "Security forces killed five militants in a gunfight in Kupwara on Thursday, police said.",
        "Al-Shabaab fighters stormed a military base in Baidoa on Friday, sparking a battle.",
        "Insurgents ambushed a military convoy near Maiduguri on Wednesday, killing seven troops.",
        "Gunmen opened fire on a police patrol in Gusau on Friday, killing two officers.",
        "The army said it repelled an attack by jihadists on its base in Djibo on Sunday.",
        "Five police officers were killed in a shootout with bandits in Katsina on Saturday.",
        "Rival militias fought for control of the airport in Tripoli on Monday.",
        "Fighting between troops and M23 rebels raged near Sake on Thursday.",
        "Ukrainian forces repelled 12 Russian assaults near Pokrovsk on Tuesday, Kyiv said.",
        "Militants attacked a checkpoint in Miranshah on Friday, killing three soldiers.",
        "Soldiers came under fire from gunmen near Bunia on Monday.",
        "Clashes between the army and Arakan Army fighters killed 10 people in Sittwe on Sunday.",
        "Three soldiers were killed in an ambush by militants near Gao on Friday.",
        "Troops battled Islamic State fighters in Marawi on Wednesday.",
        "Gunmen killed four policemen at a checkpoint in Quetta on Saturday.",
        "A soldier was killed by a sniper near Kramatorsk on Monday.",
        "Militants attempted to attack a check post in Bannu on Tuesday.",
        # an attack attempted or tried is made; a "check post" is a checkpoint
        "Bandits tried to attack a checkpoint near Gusau on Monday.",
        "Insurgents tried to attack soldiers guarding a bank in Kano on Friday.",
        "Militants attacked a check-post in Lakki Marwat on Monday, killing two policemen.",
        "Two soldiers were wounded by gunmen near Bunia on Saturday.",
    ),
    REGAINS: (
        "The Sudanese army recaptured Wad Madani from the RSF on Saturday.",
        "Government forces retook the town of Bunagana on Tuesday after heavy fighting.",
        "Troops regained control of Palma on Sunday, the defence ministry said.",
        "The army said it had liberated the town of Kidal on Tuesday.",
        "The army drove Islamic State fighters out of the town of Hit on Friday.",
        "The military reclaimed the city of Marawi on Monday.",
        "Syrian government forces wrested back control of Khan Shaykhun on Friday.",
        "Iraqi forces cleared the last militants from the Old City of Mosul on Sunday.",
        "Ethiopian troops recaptured Lalibela from Tigrayan forces on Wednesday.",
        "Russia's defence ministry said its forces captured Krasnohorivka on Friday.",
        "Soldiers flushed the jihadists out of Mopti on Tuesday.",
        # armed men driven, flushed or cleared out of a place by state forces
        "Nigerian troops drove Boko Haram insurgents out of Gwoza on Wednesday.",
        "Security forces flushed out the remaining gunmen from Kidal on Saturday.",
        # a place reclaimed, regained or wrested back
        "The army reclaimed the town of Bentiu from rebel forces on Sunday.",
        "Afghan forces wrested back the district of Kunduz on Monday.",
        "Government troops regained the village of Malam Fatori on Thursday.",
        # a town captured, named bare
        "Government troops captured Gao on Sunday after a week of fighting.",
        "Syrian forces captured Saraqib on Tuesday.",
    ),
    OVERTAKES: (
        "M23 rebels seized the town of Rubaya on Tuesday.",
        "The RSF took control of the army's base in Nyala on Thursday.",
        "Jihadists overran an army base in Boulkessi on Friday.",
        "The Taliban took over Kunduz on Sunday.",
        "The town of Sake fell to M23 fighters on Friday.",
        "Rebels swept into Aleppo on Friday.",
        "The Arakan Army said it had captured Maungdaw on Sunday.",
        "Insurgents overran the village of Malam Fatori on Saturday.",
        "Militants took control of the district headquarters of Dara-i-Suf on Friday.",
        "Rebels advanced into the town of Sake on Wednesday.",
        "Houthi fighters captured the city of Marib on Monday.",
        "The city of Goma fell to the M23 rebels on Monday.",
        "Kunduz fell to Taliban fighters on Sunday after a week of fighting.",
    ),
    CHEMICAL: (
        "A chlorine gas attack killed dozens in Douma on Saturday, rescuers said.",
        "Government forces used sarin on Khan Shaykhun on Tuesday, investigators said.",
        "Dozens suffocated after a suspected chemical attack on Douma on Saturday.",
        "Poison gas was dropped on the town of Saraqib on Friday.",
        "The monitor said toxic gas was used in an attack on Saraqib on Sunday.",
        # people who died or were hurt after an attack are its victims, not its reason
        "Eleven people choked to death after a chlorine attack on Douma on Tuesday, medics said.",
        "Twenty children died after a suspected sarin attack on Khan Shaykhun on Monday.",
        # a poison or toxic gas dropped, fired or used
        "Government helicopters dropped poison gas on Saraqib on Thursday, rescuers said.",
        "Activists said chlorine gas had been used on the town of Kafr Zita on Friday.",
    ),
    SUICIDE: (
        "A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 30.",
        "A suicide car bomb exploded at a checkpoint in Mogadishu on Saturday.",
        "Two female suicide bombers detonated their explosives at a market in Maiduguri on Friday.",
        "An attacker rammed an explosives-laden vehicle into a military base in Gao on Sunday.",
        "An attacker wearing an explosive vest struck a wedding in Kabul on Saturday.",
        "Islamic State claimed a suicide attack on a Shiite mosque in Kunduz on Friday.",
        "A suicide blast ripped through a rally in Khar on Sunday.",
        "Twelve were killed when a suicide bomber targeted a police convoy in Quetta on Monday.",
        # a vehicle laden with explosives driven or rammed into its target
        "An assailant drove a bomb-laden truck into a police compound in Mogadishu on Monday.",
        "Militants crashed an explosive-packed car into the gate of an army camp near Menaka.",
    ),
    AIR: (
        "An Israeli air strike hit a house in Rafah on Tuesday, killing six people, medics said.",
        "Russia launched 40 drones at Odesa overnight, the Ukrainian air force said.",
        "Israel struck targets in southern Lebanon on Sunday.",
        "Warplanes bombed a market in Idlib on Monday.",
        "A drone strike killed a senior commander in Tyre on Tuesday.",
        "Turkish drones struck a vehicle near Qamishli on Thursday.",
        "Israeli jets pounded Khan Younis on Friday.",
        "The army carried out airstrikes on rebel positions near Kidal on Friday.",
        "Sudanese army aircraft bombed a market in Nyala on Saturday, killing 15 people.",
        "A US strike killed an al-Qaeda leader in Idlib on Friday, the Pentagon said.",
        "Russian forces attacked Kyiv with Shahed drones on Friday.",
        "The Israeli military said it struck Hezbollah targets in Nabatieh on Monday.",
        "Myanmar's military bombed a village in Sagaing on Tuesday, killing 40.",
        "An unmanned aerial vehicle targeted a car in Sanaa on Sunday.",
        "Helicopter gunships fired on a convoy near Gao on Wednesday.",
        "An airstrike on a school sheltering displaced people in Gaza City killed 22 on Saturday.",
        "Houthi forces launched a drone attack on Eilat on Friday.",
        "Israeli aircraft hit a car in Tyre on Friday, killing two.",
        "Ukraine attacked the Russian city of Belgorod with drones on Saturday.",
        # a state's military that bombed a place
        "The junta bombed a school in Sagaing on Monday, killing 12 children.",
        "Sudan's army bombed a market in Nyala on Friday, residents said.",
    ),
    SHELLING: (
        "Russian shelling killed three civilians in Kherson on Sunday, the governor said.",
        "A missile hit an apartment block in Dnipro on Saturday.",
        "Russian forces shelled Nikopol on Friday, wounding two.",
        "Rockets fired from Gaza landed in Sderot on Monday.",
        "Hezbollah fired dozens of rockets at Kiryat Shmona on Tuesday.",
        "Mortar rounds struck the presidential palace in Mogadishu on Sunday.",
        "The RSF shelled residential areas of El Fasher on Wednesday, killing 12.",
        "A Russian ballistic missile struck the centre of Sumy on Sunday.",
        "Artillery fire hit a hospital in Khartoum on Friday.",
        "Russia fired 50 missiles at Ukraine's energy system on Friday.",
        "Omdurman came under heavy bombardment on Monday.",
        "Iran fired ballistic missiles at Israel on Tuesday.",
        "Tank fire killed four people in Khan Younis on Thursday.",
        "Russian troops pounded Kharkiv with artillery on Friday.",
        "A shell landed on a school in Donetsk on Sunday, killing two children.",
    ),
    GRENADE: (
        "An attacker hurled a grenade at a police post in Srinagar on Friday.",
        "A grenade exploded in a bar in Kampala on Saturday.",
        "Unknown assailants threw a hand grenade into a market in Bujumbura on Monday.",
        "Two people were injured in a grenade attack on a bus in Nairobi on Sunday.",
        "Militants lobbed a grenade at a security bunker in Sopore on Wednesday.",
        "A grenade was thrown at a nightclub in Malmo on Sunday.",
        "Police said a grenade blast injured five people in Imphal on Friday.",
    ),
    IED: (
        "A roadside bomb killed four soldiers in Lashkar Gah on Sunday.",
        "A landmine explosion killed three children in Kandahar on Tuesday.",
        "A bomb planted on a motorcycle exploded in Quetta on Monday, killing two.",
        "An IED struck a military vehicle near Menaka on Friday.",
        "A car bomb went off outside a hotel in Mogadishu on Saturday.",
        "Three people were killed when their vehicle hit a mine near Djibo on Wednesday.",
        "An explosion ripped through a market in Baghdad on Tuesday.",
        "A blast targeted a bus carrying workers in Kabul on Thursday.",
        "A magnetic bomb attached to a car exploded in Kabul on Sunday.",
        "Militants detonated an explosive device near a police van in Dera Ismail Khan on Monday.",
        "Six soldiers died after their truck ran over a landmine near Mopti on Sunday.",
        "An explosive-laden car blew up in Bosaso on Thursday.",
        "A bomb attack on the bus station in Maroua killed three people on Friday.",
        "Four soldiers died when an explosive device went off under their truck near Diffa.",
        # a vehicle laden or rigged with explosives
        "An explosives-packed rickshaw went off near a police post in Peshawar on Monday.",
        "Police said an explosive-laden motorcycle tore through a market in Quetta on Saturday.",
    ),
    SEXUAL: (
        "Soldiers raped several women in Tawila on Friday, witnesses said.",
        "A girl was gang-raped by armed men near Bunia on Tuesday.",
        "RSF fighters sexually assaulted women in Geneina on Thursday.",
        "Militiamen raped three women in a village near Kalehe on Sunday.",
        "Women were sexually abused by soldiers in Mekelle on Saturday.",
    ),
    ABDUCTION: (
        "Gunmen kidnapped 20 students from a school in Kaduna on Thursday.",
        "Bandits abducted 15 worshippers from a church in Lokoja on Sunday.",
        "Three aid workers were abducted near Gao on Monday.",
        "Armed men seized a journalist in Mogadishu on Tuesday.",
        "Al-Shabaab militants took six passengers hostage near Mandera on Friday.",
        "A local chief was whisked away by gunmen in Bunia on Saturday.",
        "Islamic State fighters took 10 villagers captive near Palmyra on Friday.",
        "Suspected jihadists carried off 30 women near Djibo on Wednesday.",
        "An activist was forcibly disappeared in Karachi on Monday, his family said.",
        "Gunmen stopped a bus near Gusau on Tuesday and took away 18 passengers.",
        "Two Chinese nationals were kidnapped in Karachi on Tuesday.",
        "Pirates held 20 crew members hostage off Eyl on Friday.",
        "Gunmen abducted a Catholic priest in Enugu on Sunday.",
    ),
    ATTACK: (
        "Gunmen killed 12 villagers in Bokkos on Sunday.",
        "Three farmers were wounded by gunmen in Makurdi on Tuesday.",
        "A Palestinian man was injured by settlers near Nablus on Friday.",
        "Militants shot dead a shopkeeper in Srinagar on Monday.",
        "Bandits attacked a village near Gusau on Tuesday, killing 20 residents.",
        "A teacher was stabbed to death in Arras on Friday.",
        "Five bodies were found dumped on the outskirts of Culiacan on Monday.",
        "Unknown assailants gunned down a journalist in Tijuana on Tuesday.",
        "Armed men killed a village chief near Mopti on Wednesday.",
        "Soldiers executed six civilians in Moura on Sunday, rights groups said.",
        "Fighters raided the town of Monguno on Saturday, killing 9 residents.",
        "A woman was hacked to death by suspected herders in Makurdi on Wednesday.",
        "Two journalists were shot and killed in Chilpancingo on Monday.",
        "Gunmen on motorcycles opened fire on a mosque in Katsina on Friday.",
        "Jihadists massacred 50 civilians in Barsalogho on Saturday.",
        "Armed men attacked a displacement camp near Djugu on Wednesday, killing 18.",
        "A man was beaten to death by soldiers in Yangon on Tuesday.",
        "Three Palestinians were wounded by gunmen near Hebron on Friday.",
        "Suspected herdsmen killed 15 people in attacks on villages near Jos on Sunday.",
        "The bodies of four men were found in a ditch near Culiacan on Sunday.",
        "A pastor was murdered in Kaduna on Sunday.",
        "Gunmen shot and wounded a lawyer in Peshawar on Monday.",
        # the passive names the attackers after "by"
        "Two herders were injured by bandits near Gusau on Wednesday.",
        "A shopkeeper was stabbed by unknown assailants in Karachi on Sunday.",
        # a killing told by how it was done
        "A student was tortured to death by police in Dhaka on Friday, his family said.",
        "Militiamen beat a village elder to death near Djugu on Sunday.",
        # bodies found with the marks of a killing
        "The bullet-riddled bodies of three men were found near Tijuana on Saturday.",
        "Police found the body of a journalist bound and gagged in Acapulco on Friday.",
        # a person named by a trade is a victim
        "Unknown gunmen shot and injured a judge in Quetta on Thursday.",
        "Gunmen on a motorbike shot and wounded a shopkeeper in Karachi on Monday.",
    ),
    PEACEFUL: (
        "Thousands of people marched in Nairobi on Tuesday against the finance bill.",
        "Farmers protested outside parliament in New Delhi on Monday.",
        "Hundreds rallied in Tel Aviv on Saturday demanding a hostage deal.",
        "Teachers staged a sit-in in front of the education ministry in Rabat on Wednesday.",
        "Demonstrators gathered outside the US embassy in Jakarta on Friday.",
        "Students took to the streets of Dhaka on Sunday.",
        "Thousands joined an anti-government demonstration in Belgrade on Saturday.",
        "Opposition supporters held a rally in Kinshasa on Thursday.",
        "Hundreds of women blocked a highway in Oaxaca on Monday to demand water.",
        "Residents staged a demonstration in Kano on Friday over power cuts.",
        "Nurses picketed hospitals in London on Tuesday.",
        "Thousands of Palestinians took part in a march in Ramallah on Friday.",
        "Protests swept across Tbilisi on Sunday.",
        "Workers went on strike at the port of Mombasa on Monday, demanding higher pay.",
        "Hundreds of people gathered in Paris on Saturday to denounce police violence.",
        # a crowd that blocks a road, a bridge or a railway
        "Farmers blockaded the main road into Nairobi on Wednesday over crop prices.",
        "Residents barricaded the bridge in Dhaka on Friday to protest power cuts.",
        # workers who go on strike or down tools
        "Teachers went on an indefinite strike in Lagos on Tuesday over unpaid salaries.",
        "Doctors in Nairobi downed tools on Friday to demand better pay.",
        # a crowd gathered, the place and day told before what it demands
        "Thousands gathered in central Dhaka on Friday to demand the release of jailed students.",
        "Residents assembled outside the town hall in Kano on Monday in protest over evictions.",
    ),
    INTERVENTION: (
        "Police used tear gas to disperse the crowd in Nairobi on Tuesday.",
        "Police dispersed protesters with water cannon in Tbilisi on Sunday.",
        "Riot police detained dozens of demonstrators in Istanbul on Saturday.",
        "Security forces broke up a rally of opposition supporters in Kampala on Monday.",
        "Police fired tear gas at students marching in Dhaka on Tuesday.",
        "Police arrested 40 protesters outside parliament in London on Saturday.",
        "Officers used pepper spray on demonstrators in Santiago on Friday.",
        "Police lobbed tear gas canisters at opposition supporters in Nairobi on Monday.",
        # tear gas, water cannon or rubber bullets used on a crowd
        "Riot police fired rubber bullets at students in Dhaka on Sunday.",
        "Police dispersed the gathering with water cannon in Tbilisi on Thursday.",
    ),
    EXCESSIVE: (
        "Security forces opened fire on protesters in Khartoum on Thursday, killing four.",
        "Police shot dead two demonstrators in Nairobi on Tuesday.",
        "Soldiers fired live rounds at protesters in Mandalay on Saturday, killing nine.",
        "A protester was killed by police fire in Conakry on Wednesday.",
    ),
    VIOLENT_DEMO: (
        "Protesters set fire to a police station in Dhaka on Monday.",
        "Rioters torched cars in Nanterre on Friday.",
        "Demonstrators hurled stones at police in Srinagar on Friday.",
        "Protesters stormed the parliament building in Nairobi on Tuesday.",
        "Youths hurled a petrol bomb at a police van in Belfast on Saturday.",
        "Angry protesters blocked roads and burned tyres in Port-au-Prince on Monday.",
        "Demonstrators clashed with police in Lima on Thursday.",
        "Rioters looted shops in Durban on Wednesday.",
        "Youths threw Molotov cocktails at police in Tbilisi on Sunday.",
        "Protesters pelted police with stones in Srinagar on Friday.",
    ),
    MOB: (
        "A mob beat a man to death in Jos on Friday over accusations of blasphemy.",
        "A man accused of theft was beaten to death by a crowd in Lagos on Tuesday.",
        "Villagers lynched a suspected thief near Kaduna on Saturday.",
        "An angry crowd set fire to a suspected kidnapper in Port Harcourt on Monday.",
        "Hindu and Muslim groups clashed in Nuh on Monday.",
        "A crowd stoned a woman to death in Kabul on Friday.",
        "Residents beat two suspected thieves to death in Onitsha on Sunday.",
        "An angry mob set ablaze a police station in Kano on Friday.",
        # a person named by a charge, then told of by a verb of his own, is its victim
        "A woman accused of witchcraft was burned by villagers near Kisii on Saturday.",
        "Two men suspected of robbery were lynched in Abuja on Friday.",
        # a crowd's victim told as a suspect, or killed by hand
        "Villagers hacked an alleged cattle rustler to death near Gusau on Wednesday.",
        "Youths set an alleged thief ablaze in Lagos on Monday.",
        # communities named by faith
        "Christian and Muslim youths clashed in Jos on Sunday.",
        # a crowd named a mob, no demonstration told
        "A mob stormed a police post in Jos on Sunday and freed a detained suspect.",
    ),
    ARRESTS: (
        "Police arrested 12 suspects in Lagos on Friday.",
        "Security forces detained an opposition leader in Kampala on Tuesday.",
        "Soldiers took a journalist into custody in Bamako on Monday.",
        "Authorities rounded up dozens of activists in Tehran on Wednesday.",
        "Police picked up three suspected militants in Srinagar on Friday.",
        "A journalist was taken into custody in Istanbul on Sunday.",
        "Israeli forces arrested 20 Palestinians in Jenin on Monday.",
        # people police or troops "picked up"
        "Security forces picked up two journalists in Bamako on Monday.",
        "Soldiers picked up 15 youths during a raid in Bunia on Thursday.",
    ),
    AGREEMENT: (
        "The army and the rebels signed a ceasefire in Doha on Friday.",
        "The warring parties agreed to a truce in Jeddah on Saturday.",
        "Russia and Ukraine swapped 200 prisoners of war on Wednesday.",
        "The government and the ELN signed a peace accord in Havana on Thursday.",
        # a ceasefire or an armistice signed; prisoners, captives or hostages swapped
        "The two factions signed an armistice in Juba on Tuesday.",
        "Sudan's army and the RSF signed a ceasefire in Jeddah on Saturday.",
        "Israel and Hamas exchanged hostages for prisoners on Sunday.",
        "Armenia and Azerbaijan swapped 40 captives on Thursday.",
    ),
    CHANGE: (
        "The group pledged allegiance to Islamic State in Mopti on Friday.",
        "The rebel alliance announced its dissolution in Goma on Monday.",
    ),
    BASE: (
        "The RSF set up a new base in Nyala on Friday.",
        "Russian troops established a base at the airport in Niamey on Thursday.",
    ),
    TRANSFER: (
        "Government troops withdrew from Kherson on Friday.",
        "Wagner fighters pulled out of Bakhmut on Thursday.",
        "The rebels pulled out of Kidal on Friday, handing it to the army.",
        "Russian troops pulled out of Kherson on Wednesday.",
    ),
    LOOTING: (
        "Settlers set fire to homes in Huwara on Sunday.",
        "Soldiers looted shops in Goma on Tuesday.",
        "Israeli forces demolished Palestinian homes in Jenin on Wednesday.",
        "Unknown people vandalised a mosque in Birmingham on Sunday.",
        "A church was set ablaze in Kaduna on Monday.",
        # looting told with what was looted
        "Fighters ransacked homes in Nyala on Sunday.",
        "Militiamen pillaged a market in Djugu on Saturday.",
    ),
    DISRUPTED: (
        "Air defences shot down 30 drones over Kyiv on Friday.",
        "Police defused a bomb near a school in Quetta on Tuesday.",
        "Israel intercepted a missile fired from Yemen over Eilat on Friday.",
        "Troops found and destroyed an IED on the road near Gao on Monday.",
        "Bomb disposal experts safely detonated an unexploded shell in Kharkiv on Thursday.",
        "Air defence systems destroyed 25 drones over the Belgorod region on Friday.",
        "The military said it neutralised 12 missiles over Kyiv on Friday.",
        "Russia said it destroyed 30 Ukrainian drones over Kursk on Sunday.",
    ),
    OTHER: ("Soldiers staged a coup in Niamey on Wednesday.",),
}

#: The sentences the codebook does not yet read as their type.
GAPS = frozenset(
    {
        "The Arakan Army said it had captured Maungdaw on Sunday.",
    }
)

#: Near misses of the rules that closed gaps: sentences like theirs that must not give the
#: type named (a place word that is no territory, a crowd that is no armed group ...).
NEAR_MISSES: dict[tuple[str, str], tuple[str, ...]] = {
    ARMED_CLASH: ("Militants exploited the chaos to attack police in Bannu, officials warned.",),
    REGAINS: (
        "Police cleared protesters from the square in Nairobi on Tuesday.",
        "The army reclaimed land from the sea near Lagos on Friday.",
        "Security forces captured Kano drug baron Musa Ali on Friday.",
    ),
    OVERTAKES: ("The town of Sake fell silent on Friday as M23 fighters approached.",),
    CHEMICAL: (
        "Toxic gas leaked from a plant near Saraqib on Friday, forcing residents to flee.",
        "Three men were arrested after the chemical attack on Douma on Saturday.",
    ),
    SUICIDE: ("An explosives-laden truck blew up outside an army camp near Menaka on Friday.",),
    AIR: ("Militants bombed a market in Kabul on Friday, killing five.",),
    IED: ("An explosive-laden drone hit a house in Odesa on Thursday.",),
    PEACEFUL: (
        "A landslide blocked the highway near Oaxaca on Monday.",
        "Police blocked roads leading to the square in Nairobi on Tuesday.",
        "An air strike hit the port of Mombasa on Monday.",
        "A general strike shut shops across Nairobi on Monday.",
        "Hundreds of people gathered in Paris on Saturday to watch the final.",
    ),
    INTERVENTION: ("The government bought tear gas canisters from abroad on Tuesday.",),
    ARRESTS: ("Police picked up the pace of the investigation in Srinagar on Friday.",),
    AGREEMENT: (
        "The army accused the rebels of violating the ceasefire in Doha on Friday.",
        "Fans swapped shirts after the match in Kyiv on Wednesday.",
    ),
    LOOTING: ("Officials looted public funds in Goma on Tuesday.",),
    MOB: (
        "Protesters beat a policeman to death in Dhaka on Monday.",
        "Protesters marched in Kano on Friday, and an angry mob set ablaze a police station.",
        "Gunmen beat two farmers to death in Makurdi on Tuesday.",
        "Police arrested a man accused of theft in Lagos on Tuesday.",
    ),
    ATTACK: (
        "Three farmers were wounded by a falling tree in Makurdi on Tuesday.",
        "Three children burned to death in a house fire in Kano on Tuesday.",
        "Rescuers recovered five bodies from the rubble of a building in Kano on Monday.",
        "A lawyer for the family said on Monday that the court in Peshawar would hear the case.",
        "Two soldiers were wounded by gunmen near Bunia on Saturday.",
    ),
    TRANSFER: ("The rebels pulled out of the peace talks in Doha on Friday.",),
}

CASES = [
    pytest.param(expected, sentence, marks=[GAP] if sentence in GAPS else [])
    for expected, sentences in WIRE_COPY.items()
    for sentence in sentences
]
NEAR = [(wrong, sentence) for wrong, sentences in NEAR_MISSES.items() for sentence in sentences]


def _foreground(geoparser, sentence: str) -> list[tuple[str, str]]:
    article = Article("wire", sentence, published=PUBLISHED)
    incidents = extract_incidents(article, geoparser.parse(article))
    return [(i.event_type.value, i.sub_event_type) for i in incidents if not i.background]


@pytest.mark.parametrize(("expected", "sentence"), CASES)
def test_wire_copy_gives_its_type(embedded, expected: tuple[str, str], sentence: str) -> None:
    got = _foreground(embedded, sentence)
    assert expected in got, got


#: Tolls the rules above tell: (sentence, killed, injured) of its foreground incident.
TOLLS = (
    ("Five bodies were found dumped on the outskirts of Culiacan on Monday.", 5, 0),
    ("The bodies of four men were found in a ditch near Culiacan on Sunday.", 4, 0),
    ("A man was beaten to death by soldiers in Yangon on Tuesday.", 1, 0),
    ("Two farmers were hacked to death by suspected herders in Makurdi on Wednesday.", 2, 0),
    ("Gunmen shot and wounded a lawyer in Peshawar on Monday.", 0, 1),
    ("A man accused of theft was beaten to death by a crowd in Lagos on Tuesday.", 1, 0),
)


@pytest.mark.parametrize(("sentence", "killed", "injured"), TOLLS)
def test_wire_copy_toll(embedded, sentence: str, killed: int, injured: int) -> None:
    article = Article("wire", sentence, published=PUBLISHED)
    incidents = [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]
    assert [(i.fatalities, i.injured or 0) for i in incidents] == [(killed, injured)]


@pytest.mark.parametrize(("wrong", "sentence"), NEAR)
def test_near_miss_is_not_read_as_the_type(embedded, wrong: tuple[str, str], sentence: str) -> None:
    got = _foreground(embedded, sentence)
    assert wrong not in got, got


# Regional and local copy (issue 12): events told the ways regional outlets and local papers
# tell them, read on pages the wire copy above does not cover (Sahel, Great Lakes, Myanmar,
# South Asia, Haiti, Latin America). Each sentence is written for this test and keeps only a
# pattern seen on at least three pages of at least two outlets; the comment names the kind
# of outlet or region it was seen in.

#: Sentences by the (event type, sub-event type) they must give.
LOCAL_COPY: dict[tuple[str, str], tuple[str, ...]] = {
    LOOTING: (
        # armed men looting or burning, told by the act and what it struck (AP and AFP from
        # Haiti, Sudan and the Sahel; Ethiopian and Cameroonian local papers; DRC copy)
        "Gunmen looted homes in Kenscoff before dawn on Monday.",
        "Armed men ransacked shops and homes in Arbinda on Saturday night.",
        "RSF fighters looted banks and public buildings in Bara on Friday.",
        "Government troops set 15 houses ablaze in a village near Debre Tabor on Monday.",
        "Separatist fighters torched about a dozen commercial motorcycles near Kumbo on Monday.",
        "Militiamen pillaged the health centre in Mambasa on Tuesday.",
    ),
    MOB: (
        # communal violence: a religious procession stoned, two communities fighting (Indian
        # national and regional papers, PTI)
        "Unidentified people pelted stones at a religious procession in Khargone on Sunday,"
        " injuring six.",
        "Stones were pelted at a religious procession in Godhra on Friday afternoon,"
        " injuring four people.",
        "At least eight people were injured during stone pelting at a religious procession in"
        " Godhra on Friday.",
        "Several people were injured in stone-pelting between two communities in Dhanbad on"
        " Wednesday.",
        "A clash broke out between two communities in Vadodara on Sunday evening after stones"
        " were hurled at an immersion procession.",
        # party men fighting each other (Bangladeshi dailies and news agencies)
        "Two rival factions of the ruling party clashed in Rangpur on Saturday, injuring at least"
        " 20 people.",
        "At least 18 people were injured in clashes between two factions of the opposition party"
        " in Satkhira on Wednesday.",
        "At least 30 people were injured in a clash between ruling party loyalists and opposition"
        " activists in Bogra on Wednesday.",
        "At least seven people were injured in a clash between supporters of two parties in"
        " Jessore on Thursday.",
    ),
    AIR: (
        # one aircraft told by what it dropped or fired on (AFP and Myanmar's exile media)
        "A military jet dropped four bombs on a village near Shwebo on Tuesday afternoon.",
        "A junta fighter jet dropped two bombs on a monastery near Mawlamyine early on Sunday.",
        "At least nine people were killed when an army helicopter opened fire on a school near"
        " Shwebo on Friday.",
        "An aerial assault on a village near Monywa killed at least eight civilians on Wednesday.",
    ),
    ARMED_CLASH: (
        # two sides firing on each other (PTI and north-east Indian papers; AFP from Ecuador)
        "Heavy exchanges of fire between village volunteers were reported near Moreh on Sunday.",
        "The two warring groups traded fire near Moreh on Wednesday night.",
        "Four people were killed when two groups opened fire at each other in a village near"
        " Gwalior on Wednesday.",
        "Inmates from rival gangs fought each other with guns in a prison in Guayaquil on Friday,"
        " leaving 40 dead.",
    ),
}

#: Like sentences the rules that read the ones above must not read as that type.
LOCAL_NEAR_MISSES: dict[tuple[str, str], tuple[str, ...]] = {
    MOB: (
        "Protesters pelted stones at police in Srinagar on Friday.",
        "Two rival factions of the opposition party clashed with police in Rangpur on Saturday.",
        "At least two people were killed in a gun battle between village volunteers of two rival"
        " communities near Moreh on Sunday.",
        "Members of the Kurdistan Workers' Party clashed with Turkish soldiers near Hakkari on"
        " Sunday.",
    ),
    AIR: (
        "A military helicopter was fired at near Kalay on Friday.",
        "A military jet dropped leaflets on a village near Shwebo on Tuesday.",
    ),
    LOOTING: ("The minister looted public funds for years, a court in Lagos heard on Friday.",),
    ARMED_CLASH: ("The two teams fought each other in the final in Lagos on Sunday.",),
}


def _foreground_types(embedded, sentence: str) -> list[tuple[str, str]]:
    article = Article("local", sentence, published=PUBLISHED)
    incidents = extract_incidents(article, embedded.parse(article))
    return [(i.event_type.value, i.sub_event_type) for i in incidents if not i.background]


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [(expected, s) for expected, sentences in LOCAL_COPY.items() for s in sentences],
)
def test_local_copy_gives_its_type(embedded, expected: tuple[str, str], sentence: str) -> None:
    got = _foreground_types(embedded, sentence)
    assert expected in got, got


@pytest.mark.parametrize(
    ("named", "sentence"),
    [(named, s) for named, sentences in LOCAL_NEAR_MISSES.items() for s in sentences],
)
def test_local_near_miss_is_not_that_type(embedded, named: tuple[str, str], sentence: str) -> None:
    got = _foreground_types(embedded, sentence)
    assert named not in got, got
