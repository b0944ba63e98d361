package names

import "github.com/actorgraph/actorgraph/nlp"

// Head words type an unknown capitalised phrase.
var (
	// armedMarkers anywhere in a phrase make it an armed group.
	armedMarkers = nlp.Words(`jihad jihadi mujahideen mujahidin mujahedin taliban qaeda qaida caliphate khilafah khilafa
		shabab shabaab ansar ansaru jund katiba katibat jamaat jama'at jamaa jama'a jamaatu lashkar harakat harakat-ul tehrik
		tehreek hizb hezb jaish jaysh sipah kataib kata'ib saraya liwa fatah fateh mujahid militia militias rebels insurgents
		guerrilla guerrillas paramilitary`)
	// armedHeads as the last word make a phrase an armed group.
	armedHeads = nlp.Words(`movement front brigade brigades battalions legion martyrs resistance mahdi
		liberation cartel gang insurgency`)
	// orgHeads anywhere after the first word make a phrase an organisation.
	orgHeads = nlp.Words(`center centre institute institution council ministry department agency office commission committee
		union organization organisation association foundation bank fund court tribunal forces force army navy police
		guard guards corps division battalion regiment command mission embassy consulate party parliament assembly
		congress senate government university college school tv television radio news times post journal
		telegraph herald tribune gazette monitor press media network company corporation corp inc ltd llc group
		holdings airlines airways watch international service services authority secretariat bureau directorate
		initiative alliance coalition federation league programme program project trust society hospital clinic
		church mosque cabinet presidency administration unit units taskforce observatory monitoring consultancy
		partners capital research studies affairs council`)
	// placeHeads as the last word make a phrase a place.
	placeHeads = nlp.Words(`province provinces region district county governorate oblast prefecture municipality state
		city town village valley mountains mountain hills river forest desert sea gulf ocean lake strait straits island
		islands heights peninsula basin port harbour harbor airport airbase base camp square street road highway bridge
		cantonment corridor coast border plateau plain plains delta canal bay cape crossing checkpoint neighbourhood
		neighborhood quarter suburb suburbs zone territory territories area enclave oasis pass park`)
	// titles and honorifics precede a person's name; they are not part of it.
	titles = nlp.Words(`mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. lt lt. col col. maj maj. capt capt. cpt sgt sgt. cpl
		adm adm. brig brig. cmdr gov gov. sen sen. rep rep. rev rev. sheikh shaykh cheikh ayatollah imam maulana mufti
		president vice-president minister premier chancellor secretary secretary-general king queen prince princess
		emir amir sultan crown general lieutenant colonel major captain commander admiral marshal brigadier sergeant
		corporal private governor mayor senator congressman congresswoman ambassador envoy spokesman spokeswoman
		spokesperson chairman chairwoman chairperson director chief head leader deputy acting former caretaker
		supreme interim mp lawmaker judge justice commissioner superintendent inspector officer pope cardinal bishop
		archbishop patriarch rabbi pastor father brother sister speaker professor doctor air wing group field rear
		vice prime defence defense foreign finance interior security national senior military army staff undersecretary
		counsellor counselor adviser advisor coordinator representative special`)
	// titleHeads are the title words that can end a title phrase.
	titleHeads = nlp.Words(`mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. lt lt. col col. maj maj. capt capt. cpt sgt sgt. cpl
		adm adm. brig brig. cmdr gov gov. sen sen. rep rep. rev rev. sheikh shaykh cheikh ayatollah imam maulana mufti
		president vice-president minister premier chancellor secretary secretary-general king queen prince princess
		emir amir sultan general lieutenant colonel major captain commander admiral marshal brigadier sergeant
		corporal governor mayor senator congressman congresswoman ambassador envoy spokesman spokeswoman spokesperson
		chairman chairwoman chairperson director chief leader mp lawmaker judge commissioner superintendent inspector
		pope cardinal bishop archbishop patriarch rabbi pastor speaker professor undersecretary adviser advisor
		coordinator representative`)
	// departments may follow "Minister of", "Secretary of", "Chief of" inside a title.
	departments = nlp.Words(`defense defence state foreign affairs interior finance justice health education national security
		homeland army staff defence_staff information religious treasury energy agriculture trade commerce economy navy
		air naval intelligence the and public works labour labor home war internal external information communications
		culture tourism transport transportation`)
	// roles are lower-case nouns that introduce a person's name ("spokesman Deo Akiiki").
	roles = nlp.Words(`leader chief head commander spokesman spokeswoman spokesperson minister president official officials
		analyst researcher envoy adviser advisor founder co-founder member fighter militant mp lawmaker cleric emir
		general colonel deputy director journalist reporter correspondent ambassador governor mayor captain officer
		secretary premier chairman commissioner professor scholar expert activist preacher ideologue financier
		operative figure strongman warlord king prince president-elect candidate veteran son daughter brother
		father wife husband nephew successor predecessor deputy-leader commanders leaders`)
	// orgCues are lower-case nouns that introduce an organisation's name ("security firm Control Risks").
	orgCues = nlp.Words(`firm company agency channel broadcaster newspaper outlet organisation organization ngo charity
		tank party ministry institute group network station daily weekly magazine website platform consultancy
		bank watchdog coalition`)
	armedCues = nlp.Words(`militia faction insurgents rebels jihadists militants`)
	placeCues = nlp.Words(`town village city province region district state port area capital county locality hamlet
		settlement camp governorate neighbourhood neighborhood suburb`)
	// placePreps before a single unknown name suggest a place.
	placePreps = nlp.Words(`in at near from into across outside inside around towards toward through via`)
	// speech verbs after a name suggest a person.
	speechVerbs = nlp.Words(`said says told added stated explained warned noted argued wrote insisted claimed recalled
		asked replied announced tweeted`)
	// stopNames are capitalised words that are never names on their own.
	stopNames = nlp.Words(`i a an the this that these those it its he she they we you his her their our your my me him them us
		in on at by for from to of with without within into onto upon about above below after before during since until
		while when where whereas whether if unless although though because as so but and or nor yet also still even only
		just then there here what which who whom whose why how all any both each every either neither no not none some
		many most much more less least few several other others another such same own further furthermore moreover
		meanwhile however therefore thus hence indeed instead nevertheless nonetheless ultimately eventually initially
		finally first second third last next later earlier now today yesterday tomorrow once twice again already
		according following despite given including regarding concerning among amid amidst between beyond against
		under over through throughout toward towards via per than like unlike near across along around behind beside
		besides inside outside analysts experts officials sources witnesses residents observers critics militants
		fighters troops soldiers forces rebels insurgents jihadists reports report research data video footage photo
		photos image images picture statement statements earlier recent recently similarly likewise overall
		january february march april may june july august september october november december monday tuesday
		wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
		islam islamic islamist islamists islamism muslim muslims christian christians christianity jew jews jewish
		judaism hindu hindus buddhist sunni sunnis shia shi'a shi'ite shiite shiites shi'ites sufi salafi salafist
		salafists wahhabi jihadist jihadists god allah prophet quran koran sharia ramadan eid christmas easter
		arabic english french persian pashto dari urdu hausa swahili russian amharic somali
		tuareg tuaregs fulani fulanis peul hausas kanuri pashtun pashtuns hazara hazaras baloch kurd kurds kurdish
		arab arabs berber berbers amazigh yazidi yazidis druze alawite alawites uighur uighurs uyghur uyghurs han
		tutsi tutsis hutu hutus amhara oromo tigrayan tigrayans rohingya bamar karen shan kachin sikh sikhs
		asian african european latin covid covid-19 coronavirus internet web western westerners eastern northern southern central
		mr mrs ms dr yes no ok okay oh ah thank thanks please breaking update updated exclusive opinion analysis
		watch read listen photo video live editor note notes summary contents introduction conclusion background
		key takeaways overview`)
	// connectors join capitalised words into one name.
	particleConnectors = nlp.Words(`bin ibn bint wal wa de du des la le van von der den ul ud y da dos ben abu umm`)
	// hyphenParticles join only when written with a hyphen ("al-Qaeda", "at-Tawhid").
	hyphenParticles = nlp.Words(`al el ad ash as ar an at az`)
	// phraseConnectors join words only after a head word ("Ministry of", "Centre for").
	phraseConnectors = nlp.Words(`of for in against on the and`)
	// pluralPlaceNouns after a list type its members ("Nbaga, Bula and Greya towns").
	listTypeNouns = map[string]string{
		"towns": "LOCATION", "villages": "LOCATION", "cities": "LOCATION", "provinces": "LOCATION",
		"regions": "LOCATION", "districts": "LOCATION", "states": "LOCATION", "settlements": "LOCATION",
		"countries": "COUNTRY", "nations": "COUNTRY", "groups": "ARMED_GROUP", "factions": "ARMED_GROUP",
		"militias": "ARMED_GROUP", "organisations": "ORG", "organizations": "ORG", "agencies": "ORG",
	}
	// possessive 's continues a name after these words ("People's Liberation Army").
	possessiveJoin = nlp.Words(`people workers women children citizens martyrs mujahideen`)
)
