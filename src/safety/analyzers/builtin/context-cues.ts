import { compileSourcePatterns, type WordPatternIndex } from './word-patterns.js';
import { PATTERN_MACROS, WORD_CLASSES } from './word-classes.js';

/**
 * Context decides more than words do: the same "kill" is an instruction request, a threat, a news report, a
 * game or a shell command. These cues are what the grader reads around a term. Sentence cues count in the
 * term's own sentence; text cues anywhere in the text (or streaming window).
 */
export type CueKind =
  /** Asks how to do something: "how do I", "step by step", "without getting caught". Sentence. */
  | 'instruction'
  /** The writer wants or plans to do it: "I want to", "I'm going to", "let's". Sentence. */
  | 'desire'
  /** Making or getting something: "make", "build", "buy". Just before a weapon. */
  | 'production'
  /** Stopping harm rather than doing it: "how do I stop my son from hitting". Sentence. */
  | 'prevention'
  /** Self-harm methods: "painless", "how many pills". Sentence. */
  | 'method'
  /** Asking for help or support, recovery. Text. */
  | 'help'
  /** Prevention, education, reporting. Text. */
  | 'protective'
  /** Teachers, parents, the law: a minor mentioned to protect them. Text. */
  | 'schooling'
  | 'fiction'
  | 'news'
  | 'game'
  /** Talking about hateful speech rather than making it: "stereotype", "propaganda", "is it true". Sentence. */
  | 'discussion'
  | 'minor'
  /** Medical and sexual-health framing. Text. */
  | 'medical'
  /** "explicit", "graphic", "nsfw". Sentence. */
  | 'explicit'
  /** Asks for content to be produced: "write", "describe". Text. */
  | 'request';

const CUES: Readonly<Record<CueKind, readonly string[]>> = {
  instruction: [
    'how to|howto',
    'how do|does|can|could|would|should|might|shall|will {asker}',
    'step by step',
    'steps|instructions|directions|guide|tutorial|tips|recipe|blueprint|walkthrough to|for|on',
    'teach|show|tell|explain|walk me|us how|through',
    'teach me|us to',
    'best|right|ideal|perfect ~2 to',
    'detailed|exact plan|instructions|steps|guide|method',
    'best|easiest|quickest|fastest|simplest|cheapest|surest|safest|effective|efficient|reliable way|ways|method|methods|technique|techniques to|of|for',
    'ways to|of',
    'without getting|being|ever caught|noticed|detected|traced|found',
    'without anyone|anybody|them noticing|knowing|finding',
    'get|getting away with it|this',
    'untraceable|undetectable|untraceably',
    'where can|do|could|would {asker} buy|get|find|order|obtain|purchase',
    'where to buy|get|find|order|obtain|purchase',
    'what do|would|will|should {asker} need to',
    'is there a|any way to',
    'how much|many ~3 would|will|to|does|could|can',
    'can|could|should {asker} use',
    'where should|could|would|do|can {asker}',
    'plan|plans|strategy|scheme to|for',
  ],
  desire: [
    'i|we really|just|truly|seriously|actually|still|totally? want|wanna|need|plan|intend|mean|wish|hope',
    'i|we am|are? going|gonna|planning|about|ready|tempted|trying|determined|thinking|fantasizing|fantasising|dreaming',
    'im|were|ima|imma going|gonna|planning|about|ready|tempted|trying|determined|thinking|fantasizing|fantasising|dreaming',
    'ill|gonna|finna|imma|ima',
    'i|we will|shall|must|should|swear',
    'i|we have|ve? decided|chosen',
    'ive|weve decided|chosen',
    'ive|weve been thinking|planning|fantasizing',
    'i|we keep|cant stop? thinking|fantasizing|dreaming',
    'i feel like',
    'lets',
    'let us',
    'help me|us',
    'you|u should|must|gotta|ought',
    'you|u need|have to',
    'someone|somebody|anyone should|needs|must|ought|gotta',
    'i dare you',
    'go ahead|and',
  ],
  production: [
    'make|making|build|building|create|creating|assemble|assembling|synthesize|synthesise|synthesizing|synthesising',
    'produce|producing|manufacture|manufacturing|cook|cooking|brew|brewing|mix|mixing|prepare|preparing|construct',
    'get|getting|buy|buying|obtain|obtaining|acquire|acquiring|order|smuggle|smuggling|print|printing|craft',
    'weaponize|weaponise|weaponizing|extract|extracting|grow|growing|culture|culturing|detonate|detonating',
    'plant|planting|hide|hiding|conceal|concealing|use|using|rig|rigging',
    'set off',
  ],
  prevention: [
    'how do|can|should|could {asker} stop|prevent|discourage|handle',
    'stop|stops|prevent|prevents|discourage|discourages|keep|keeps ~3 from',
    'what should|can|do {asker} do',
  ],
  method: [
    'painless|painlessly|quickest|fastest|easiest|surest|lethal|fatal|deadly|best|highest|tallest',
    'most effective|reliable|certain',
    'how many|much',
    'what|which dose|pills|pill|medication|medications|medicine|medicines|meds|tablets|drugs|chemicals|method|methods',
    'enough pills|medication',
    'method|methods',
    'without pain|hurting|feeling',
    'wont|doesnt|dont|not hurt',
    'how deep|high',
  ],
  help: [
    'hotline|helpline|lifeline|988|samaritans|crisis',
    'therapist|therapy|counselor|counsellor|psychiatrist|psychologist|gp',
    'cope|coping|recover|recovery|recovering|survivor|survivors|relapse|sober|remission',
    'talk|talking|speak to|with someone|somebody|anyone',
    'someone|somebody|anyone to talk',
    'reach|reaching out',
    'get|seek|find|need|getting|seeking|finding|needs help|support',
    'ask|asking for help|support',
    'help|support my|a|someone|somebody|him|her|them|people|friend|friends|child|son|daughter|partner',
    'help me stop|cope|deal|get|feel|through|with',
    'how can|do|should i help|support',
    'stop myself|thinking|these',
    'how do|can i stop|quit',
    'want|trying|try to stop|quit',
    'resist|resisting|urge|urges|triggers',
    'feel|get better',
    'worried|concerned|scared about|for',
    'used to',
    'what should|can|do i|we do',
    'someone|somebody|friend|he|she|they tells|told me',
  ],
  protective: [
    'prevent|prevention|preventing|protect|protecting|protection|safeguard|safeguarding|awareness',
    'report|reporting|reported',
    'signs|symptoms of',
    'warning signs',
    'educate|educating|education|curriculum|puberty|pediatrician|paediatrician|counselor|therapist',
    'survivor|survivors|victim|victims',
    'age appropriate',
    'talk|talking to|with',
    'explain to',
    'keep ~2 safe',
  ],
  schooling: ['illegal|legal|law|laws|lesson|lessons|teacher|teachers|parent|parents|parenting|classroom'],
  fiction: [
    'story|stories|novel|novels|fiction|fictional|screenplay|plot|chapter|poem|poems|lyrics|protagonist',
    'antagonist|villain|villains|heroine|fanfic|fanfiction|narrative|narrator|novella|manga|anime|comic|comics',
    'movie|movies|film|films|episode|episodes|sitcom|thriller|horror|mystery|book|books|character|characters',
    'dungeons and dragons',
    'dnd',
  ],
  news: [
    'news|article|articles|headline|headlines|journalist|journalists|reported|reportedly|according',
    'history|historical|historically|historian|historians|century|centuries|ww1|ww2|wwi|wwii|empire|ancient',
    'medieval|colonial|revolution|war|wars|battle|battles|trial|convicted|sentenced|prosecuted|verdict|court',
    'jury|investigation|investigators|suspect|suspects|casualties|documentary|biography|wikipedia|encyclopedia',
    'summarize|summarise|summary|summarizing|summarising|tldr|essay|lecture|research|analysis|analyze|analyse',
    'statistics|study|studies|sociology|criminology',
    'arrested|charged|jailed|prison|police|officials|authorities',
    'death toll',
    'police said',
    'was|were|been killed|shot|stabbed|murdered|attacked|executed|assassinated|bombed',
    'what happened',
    'why did',
  ],
  game: [
    'game|games|gaming|gamer|gameplay|quest|quests|player|players|npc|npcs|mob|mobs|raid|raids|dungeon|dungeons',
    'pvp|pve|respawn|loot|xp|playthrough|speedrun|dlc|rpg|mmo|mmorpg|fps|playstation|xbox|nintendo|tabletop',
    'minecraft|fortnite|skyrim|zelda|valorant|overwatch|dota|gta|roblox|pokemon|terraria|csgo|sims|diablo',
    'witcher|doom|halo|stardew|cyberpunk|pubg|apex|destiny|chess|hitman|warzone|bloodborne|sekiro|valheim|genshin',
    'playing|gameplay|controller|multiplayer|singleplayer|checkpoint|spawn|mana',
    'breath|tears of the wild|kingdom',
    'among us',
    'impostor|imposter',
    'god of war',
    'red dead',
    'resident evil',
    'assassins creed',
    'far cry',
    'final fantasy',
    'monster hunter',
    'hollow knight',
    'level|levels|boss|bosses|enemy|enemies|zombie|zombies|dragon|dragons|monster|monsters',
    'elden ring',
    'dark souls',
    'call of duty',
    'league of legends',
    'baldurs gate',
    'battle royale',
    'hit points',
  ],
  discussion: [
    'claim|claims|claimed|propaganda|stereotype|stereotypes|stereotypical|stereotyping|myth|myths|trope|tropes',
    'racist|racism|racists|bigot|bigots|bigoted|bigotry|prejudice|prejudiced|discrimination|discriminatory',
    'xenophobia|xenophobic|homophobia|homophobic|transphobia|transphobic|sexism|sexist|misogyny|misogynistic',
    'antisemitism|antisemitic|islamophobia|islamophobic|debunk|debunked|debunking|rhetoric|slogan|slogans',
    'offensive|fallacy|misinformation|disinformation|conspiracy|apartheid|segregation|holocaust|quote|quoted',
    'hate speech',
    'dog whistle',
    'is it true|racist|offensive|ok|okay',
    'why do|would people|some|they|many say|think|believe|call',
    'said|says|say that',
    'politicians|politician|critics|extremists|racists|pundits|trolls|propagandists|some|many|others|people say|says|said|claim|claims|argue|argues|call|calls',
    'calling|call|calls {group_noun}',
    'depicted|portrayed|described as',
    'used to describe',
    'how to|do|should respond',
    'in response to',
    'history of',
    'civil rights',
  ],
  minor: [
    '{minor_word}',
    '{minor_age} year|years|yr|yrs old?',
    '{minor_age} yo|yr|yrs|y',
    'little|young girl|boy|girls|boys',
    'under age|aged',
    'middle|elementary|primary|grade school',
    'high schooler|schoolers',
  ],
  medical: [
    'doctor|gynecologist|gynaecologist|urologist|physician|nurse|clinic|medical|medically|health|healthy',
    'symptom|symptoms|pain|painful|std|stds|sti|stis|hiv|infection|contraception|contraceptive|condom|condoms',
    'pregnancy|pregnant|fertility|libido|menopause|erectile|dysfunction|prostate|therapy|therapist|puberty',
    'consent|anatomy|biology|cancer|screening|patient|patients|diagnosis|education|ed',
    'is it normal',
    'safe|safer sex',
  ],
  explicit: [
    'explicit|explicitly|graphic|graphically|detailed|steamy|dirty|nsfw|uncensored|hardcore|raunchy|kinky',
    'smutty|smut|lewd|xrated|vivid|vividly|sensual|horny|naughty',
    'x rated',
    'in detail',
  ],
  request: [
    'write|writing|describe|description|generate|create|show|send|roleplay|narrate|depict|continue|compose|draft',
    'role play',
    'tell|give me',
    'imagine',
  ],
};

export const CUE_INDEX: WordPatternIndex<CueKind> = compileSourcePatterns(
  (Object.entries(CUES) as [CueKind, readonly string[]][]).flatMap(([kind, sources]) =>
    sources.map((source) => ({ source, value: kind })),
  ),
  { classes: WORD_CLASSES, macros: PATTERN_MACROS },
  { searchGlued: false },
);

/** Cues that hold for the whole text (or window) once they appear anywhere in it. */
export const TEXT_CUES: ReadonlySet<CueKind> = new Set([
  'help',
  'protective',
  'schooling',
  'fiction',
  'news',
  'game',
  'medical',
  'request',
]);
