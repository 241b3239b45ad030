// Package gen makes the benchmark's world: plausible news items about
// countries, agreements, cyber, trade and the rest, RSS feeds of them, and
// pactwatch configs whose agreements some of those items are about. All of
// it comes from a seed, so a run can be repeated exactly.
package gen

// Country is a party to agreements, with the words news uses for it.
type Country struct {
	Name, Adj, Capital string
}

// Countries are the parties agreements are made between.
var Countries = []Country{
	{"Russia", "Russian", "Moscow"}, {"China", "Chinese", "Beijing"},
	{"United States", "American", "Washington"}, {"India", "Indian", "New Delhi"},
	{"Japan", "Japanese", "Tokyo"}, {"Germany", "German", "Berlin"},
	{"France", "French", "Paris"}, {"Britain", "British", "London"},
	{"Brazil", "Brazilian", "Brasilia"}, {"Canada", "Canadian", "Ottawa"},
	{"Australia", "Australian", "Canberra"}, {"Mexico", "Mexican", "Mexico City"},
	{"Indonesia", "Indonesian", "Jakarta"}, {"Turkey", "Turkish", "Ankara"},
	{"Iran", "Iranian", "Tehran"}, {"Israel", "Israeli", "Jerusalem"},
	{"Egypt", "Egyptian", "Cairo"}, {"Nigeria", "Nigerian", "Abuja"},
	{"Kenya", "Kenyan", "Nairobi"}, {"Ethiopia", "Ethiopian", "Addis Ababa"},
	{"Argentina", "Argentine", "Buenos Aires"}, {"Chile", "Chilean", "Santiago"},
	{"Colombia", "Colombian", "Bogota"}, {"Peru", "Peruvian", "Lima"},
	{"Vietnam", "Vietnamese", "Hanoi"}, {"Thailand", "Thai", "Bangkok"},
	{"Malaysia", "Malaysian", "Kuala Lumpur"}, {"Philippines", "Philippine", "Manila"},
	{"Pakistan", "Pakistani", "Islamabad"}, {"Bangladesh", "Bangladeshi", "Dhaka"},
	{"Ukraine", "Ukrainian", "Kyiv"}, {"Poland", "Polish", "Warsaw"},
	{"Italy", "Italian", "Rome"}, {"Spain", "Spanish", "Madrid"},
	{"Norway", "Norwegian", "Oslo"}, {"Sweden", "Swedish", "Stockholm"},
	{"Finland", "Finnish", "Helsinki"}, {"Netherlands", "Dutch", "The Hague"},
	{"Saudi Arabia", "Saudi", "Riyadh"}, {"Qatar", "Qatari", "Doha"},
	{"South Africa", "South African", "Pretoria"}, {"Morocco", "Moroccan", "Rabat"},
	{"Kazakhstan", "Kazakh", "Astana"}, {"Mongolia", "Mongolian", "Ulaanbaatar"},
	{"Singapore", "Singaporean", "Singapore"}, {"New Zealand", "New Zealand", "Wellington"},
	{"Greece", "Greek", "Athens"}, {"Serbia", "Serbian", "Belgrade"},
	{"Algeria", "Algerian", "Algiers"}, {"Venezuela", "Venezuelan", "Caracas"},
	{"Cuba", "Cuban", "Havana"}, {"Ghana", "Ghanaian", "Accra"},
	{"Senegal", "Senegalese", "Dakar"}, {"Iraq", "Iraqi", "Baghdad"},
	{"Jordan", "Jordanian", "Amman"}, {"Azerbaijan", "Azerbaijani", "Baku"},
	{"Georgia", "Georgian", "Tbilisi"}, {"Armenia", "Armenian", "Yerevan"},
	{"Estonia", "Estonian", "Tallinn"}, {"Latvia", "Latvian", "Riga"},
}

// Topic is what an agreement is about: the phrases news uses for it, and
// the query terms that find those phrases.
type Topic struct {
	Name    string
	Phrases []string // as written in text, each found by one of Terms
	Terms   []string // query terms
}

// Topics are the subjects of agreements.
var Topics = []Topic{
	{"cyber", []string{"cybersecurity", "cyber security", "information security", "cyber defence"},
		[]string{"cyber*", `"information security"`}},
	{"trade", []string{"trade", "tariff", "free trade", "trade facilitation"}, []string{"trade", "tariff*"}},
	{"energy", []string{"energy", "natural gas", "pipeline", "electricity interconnection"},
		[]string{"energy", `"natural gas"`, "pipeline*", "electricity"}},
	{"nuclear", []string{"nuclear", "arms control", "non-proliferation"},
		[]string{"nuclear", `"arms control"`, "non-proliferation"}},
	{"climate", []string{"climate", "emissions", "carbon market"}, []string{"climate", "emission*", "carbon"}},
	{"fisheries", []string{"fisheries", "fishing rights", "maritime boundary"},
		[]string{"fisher*", "fishing", "maritime"}},
	{"space", []string{"space cooperation", "satellite navigation", "lunar research"},
		[]string{"space", "satellite*", "lunar"}},
	{"health", []string{"health", "vaccine", "pandemic preparedness"}, []string{"health", "vaccine*", "pandemic"}},
	{"data", []string{"data protection", "data sharing", "digital economy"}, []string{"data", "digital"}},
	{"extradition", []string{"extradition", "mutual legal assistance", "law enforcement"},
		[]string{"extradition", `"legal assistance"`, `"law enforcement"`}},
	{"defence", []string{"defence", "military cooperation", "military exercises"},
		[]string{"defence", "defense", "military"}},
	{"migration", []string{"migration", "visa", "border management"}, []string{"migration", "visa*", "border*"}},
	{"water", []string{"water sharing", "river basin", "dam"}, []string{"water", "river", "dam*"}},
	{"investment", []string{"investment", "investment protection", "double taxation"},
		[]string{"investment*", "taxation"}},
}

// Kind is a kind of agreement and the words news calls it by.
type Kind struct {
	Name  string // config kind
	Nouns []string
	Terms string // the query's group of them
}

// Kinds of agreements, as pactwatch's config knows them.
var Kinds = []Kind{
	{"pact", []string{"pact", "accord", "agreement", "deal"}, "(pact OR accord OR treaty OR agreement OR agreements OR deal)"},
	{"treaty", []string{"treaty", "convention"}, "(treaty OR convention OR accord)"},
	{"deal", []string{"deal", "agreement", "framework"}, "(deal OR agreement OR framework)"},
	{"working_group", []string{"working group"}, `"working group"`},
}

// People, places and things that fill the rest of the news.
var (
	officials = []string{"foreign minister", "trade minister", "prime minister", "president", "defence minister",
		"deputy foreign minister", "chief negotiator", "ambassador", "spokesman for the foreign ministry",
		"senior official", "energy minister", "national security adviser"}
	verbsDone    = []string{"signed", "initialled", "concluded", "announced", "ratified", "finalised"}
	verbsTalk    = []string{"discussed", "reviewed", "debated", "raised", "welcomed", "criticised", "questioned"}
	weekdays     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months       = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	institutions = []string{"the United Nations", "the World Trade Organization", "the G20", "the European Union",
		"the African Union", "ASEAN", "the International Monetary Fund", "the World Bank", "NATO", "the OSCE"}
	subjects = []string{"inflation", "the central bank", "a cabinet reshuffle", "the budget deficit", "grain exports",
		"a port strike", "fuel prices", "the national elections", "a court ruling", "flooding in the north",
		"the currency", "youth unemployment", "a corruption inquiry", "the stock market", "wildfires",
		"a shipping dispute", "rail investment", "farm subsidies", "a teachers' strike", "housing costs"}
	outlets = []string{"state media", "the official news agency", "local newspapers", "a government statement",
		"two people familiar with the matter", "diplomats", "analysts", "opposition lawmakers"}
	sections = []string{"World", "Politics", "Economy", "Diplomacy", "Security", "Business", "Energy", "Technology"}
)
