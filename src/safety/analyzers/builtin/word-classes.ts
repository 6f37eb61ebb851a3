/**
 * Named word classes for the patterns (`{person}`) and for reading who or what an act is aimed at. Words are in
 * normalised form: lower-case, apostrophes dropped ("someone's" → "someones").
 */
const words = (list: string): readonly string[] => list.trim().split(/\s+/);

const MINOR_AGES = [
  ...Array.from({ length: 17 }, (_, index) => String(index + 1)),
  ...words(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen`),
];

export const WORD_CLASSES = {
  /** A person an act can be aimed at ("boss" is read apart: a game's boss is not a person). */
  person: words(`you u ya him her them someone somebody anyone anybody everyone everybody people person persons man
    men woman women guy guys girl girls boy boys kid kids child children baby babies toddler teen teens teenager
    teenagers student students teacher teachers neighbour neighbours neighbor neighbors wife husband spouse
    boyfriend girlfriend ex partner mom mum mother dad father parents parent brother sister son daughter family
    friend friends coworker coworkers colleague colleagues classmate classmates roommate roommates landlord cop
    cops police policeman officer officers president senator politician politicians judge doctor nurse priest
    pastor imam rabbi witness stranger strangers customer customers employee employees human humans civilian
    civilians hostage hostages protesters prisoner prisoners inmates victim victims rival grandma grandpa
    grandmother grandfather uncle aunt cousin nephew niece stepdad stepmom stepfather stepmother bully bullies
    manager supervisor principal ceo mayor governor minister king queen pope journalist journalists guard guards
    bodyguard bodyguards exs`),
  /** Groups protected from hate: plural nouns. */
  group_noun: words(`immigrants migrants refugees foreigners muslims jews christians catholics protestants hindus
    sikhs buddhists atheists mormons blacks whites asians hispanics latinos latinas mexicans arabs africans chinese
    indians pakistanis somalis roma gypsies gays lesbians homosexuals bisexuals transgenders queers women
    females disabled autistics natives aboriginals indigenous illegals transsexuals roma romani nigerians syrians
    afghans iraqis iranians turks kurds albanians romanians poles haitians jamaicans filipinos koreans vietnamese
    japanese bangladeshis palestinians israelis`),
  /** Adjectives that name a group when followed by `group_head` ("black people"). */
  group_adjective: words(`black white asian jewish muslim christian catholic hindu sikh gay lesbian trans transgender
    queer disabled indigenous mexican chinese african arab latino hispanic immigrant foreign native brown syrian
    afghan somali nigerian pakistani indian roma romani gypsy bisexual homosexual autistic migrant refugee
    middle`),
  group_head: words(`people folks men women persons families kids children immigrants communities guys refugees
    migrants youths population race races eastern easterners`),
  /** One member of a group, for "every immigrant is …", "no muslim should …". */
  group_member: words(`immigrant migrant refugee foreigner muslim jew christian hindu sikh arab african asian mexican
    gay lesbian homosexual transgender`),
  /** Places a group is said to come from: "people from <place>". */
  group_origin: words(`africa asia mexico india china pakistan syria somalia nigeria iraq iran afghanistan haiti
    arabia`),
  /** Places an attack can be aimed at. */
  place: words(`school schools church churches mosque mosques synagogue synagogues temple mall concert stadium
    airport subway station train bus plane office building embassy hospital parliament congress crowd rally parade
    festival classroom campus courthouse`),
  /** Things whose killing, shooting or executing is ordinary: software, media, chores. */
  benign_object: words(`process processes proc pid thread threads task tasks job jobs server servers service services
    daemon container containers pod pods instance instances vm vms session sessions connection connections query
    queries request requests transaction transactions app apps application applications program programs script
    scripts tab tabs window windows terminal shell loop build deploy deployment branch feature engine signal node
    worker workers kernel notebook cell function functions method methods command commands code docker kubernetes
    redis postgres database db table tables column index cache pipeline test tests port socket lock lights light
    power music noise mood vibe battery conversation idea proposal project deal rumor rumour competition bill
    messenger photo photos picture pictures pic pics video videos film movie scene scenes footage portrait
    portraits wedding headshots hoops breeze email emails message messages text texts question questions selfie
    commercial documentary episode clip clips ball puck goal basket arrow arrows target targets range clay
    dice flashlight moon stars sky onion onions garlic vegetables meat dough eggs
    time hours minutes boredom pain fever hunger thirst appetite bacteria germs virus viruses malware weeds weed
    mold mould fungus odor odour smell tree trees stump stumps grass lawn roots plant plants bush bushes shrub
    shrubs vine vines ivy aphids aphid caterpillars caterpillar grubs beetles beetle moths moth larvae mites
    gnats weevils bedbugs silverfish sports match matches games event events ceremony graduation party`),
  /** Animals and game creatures: killing them is pest control, cooking, hunting or play. */
  animal: words(`spider spiders mosquito mosquitoes mosquitos fly flies ant ants roach roaches cockroach cockroaches
    bug bugs insect insects pest pests rat rats mouse mice fleas flea lice tick ticks termites wasp wasps hornet
    hornets snail snails slug slugs mole moles gopher gophers rabbit rabbits deer boar duck ducks fish chicken
    chickens lobster lobsters crab crabs turkey pig pigs hog hogs cow cows goat goats zombie zombies dragon dragons
    monster monsters creeper creepers enemy enemies demon demons orc orcs goblin goblins troll trolls undead alien
    aliens robot robots npc npcs mob mobs character characters villain villains bot bots minion minions boss
    bosses bird birds cat cats dog dogs squirrel squirrels pigeon pigeons raccoon raccoons yeast algae moss`),
  /** Reflexives: an act aimed at oneself is self-harm, not violence against others. */
  self: words(`myself yourself himself herself themselves ourselves itself oneself yourselves me`),
  /** Vague objects that give no reason to raise a severity. */
  vague: words(`it this that these those something things stuff`),
  be: words(`are is were was r`),
  minor_age: MINOR_AGES,
  minor_word: words(`child children childs kid kids minor minors underage preteen preteens tween tweens toddler
    toddlers schoolgirl schoolgirls schoolboy schoolboys infant infants teen teens teenager teenagers loli lolis
    pedo pedophile pedophilia paedophile`),
  asker: words(`i we you u one someone somebody anyone people ya`),
  /** Dehumanising predicates for "<group> are …". */
  dehumanising: words(`vermin parasites parasite animals cockroaches roaches rats insects subhuman subhumans savages
    filth scum trash garbage pests pigs apes monkeys dogs beasts leeches maggots freaks perverts invaders locusts
    rodents lice germs termites snakes hyenas bloodsuckers barbarians mongrels abominations demons devils sewage
    degenerates`),
  /** Dehumanising nouns that take an article: "<group> are a plague". */
  dehumanising_one: words(`disease cancer plague virus infestation parasite pest abomination scourge curse tumor tumour
    blight pestilence sickness infection invasion stain disgrace menace`),
  /** Negative generalisations for "<group> are …". */
  stereotype: words(`inferior evil disgusting stupid dumb lazy dirty criminals terrorists rapists thieves dangerous
    violent primitive backwards worthless useless degenerate degenerates filthy diseased inbred barbaric uncivilized
    uncivilised savage backward subhuman treacherous deceitful liars thugs sick perverted`),
  /** "every immigrant is a …". */
  stereotype_one: words(`criminal terrorist rapist thief liar thug animal parasite savage pervert predator threat
    invader degenerate`),
  violent_fate: words(`exterminated eradicated eliminated killed gassed shot hanged lynched burned executed sterilized
    sterilised purged culled slaughtered murdered massacred destroyed`),
  exclusion_fate: words(`deported banned removed expelled segregated excluded imprisoned interned barred driven thrown
    kicked chased rounded shipped denied stripped blacklisted ostracized ostracised caged quarantined forbidden`),
  violent_verb: words(`exterminate eradicate eliminate kill gas purge cull slaughter massacre murder genocide lynch`),
  exclusion_verb: words(`deport ban expel remove`),
  /** Parts of a body: "break his legs" aims at a person even with no person word. */
  body_part: words(`head heads face faces skull neck throat leg legs arm arms knee knees kneecaps teeth jaw nose ribs
    spine back fingers eyes chest brains brain`),
} as const;

export type WordClassName = keyof typeof WORD_CLASSES;

/** `<group>`: a group noun, a group adjective with a head noun, or people from a named place. */
export const PATTERN_MACROS: Readonly<Record<string, readonly string[]>> = {
  group: ['{group_noun}', '{group_adjective} {group_head}', '{group_head} from {group_origin}'],
};

function toSets<T extends Record<string, readonly string[]>>(
  classes: T,
): { readonly [K in keyof T]: ReadonlySet<string> } {
  const sets = {} as { [K in keyof T]: ReadonlySet<string> };
  for (const name of Object.keys(classes) as (keyof T)[]) sets[name] = new Set(classes[name]);
  return sets;
}

export const WORD_CLASS_SETS = toSets(WORD_CLASSES);
