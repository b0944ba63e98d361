package export

import "strings"

// alpha2 maps ISO 3166-1 alpha-3 codes (lower case, as the knowledge base
// uses them for country ids) to alpha-2 codes, which STIX wants in a
// location's country property. It covers every country of the knowledge
// base (the UN members, Palestine, Kosovo's user-assigned xkx, Taiwan,
// the Holy See and Western Sahara) and a few territories often named in
// reports.
var alpha2 = map[string]string{
	// Africa
	"dza": "DZ", "ago": "AO", "ben": "BJ", "bwa": "BW", "bfa": "BF", "bdi": "BI",
	"cpv": "CV", "cmr": "CM", "caf": "CF", "tcd": "TD", "com": "KM", "cod": "CD",
	"cog": "CG", "civ": "CI", "dji": "DJ", "egy": "EG", "gnq": "GQ", "eri": "ER",
	"swz": "SZ", "eth": "ET", "gab": "GA", "gmb": "GM", "gha": "GH", "gin": "GN",
	"gnb": "GW", "ken": "KE", "lso": "LS", "lbr": "LR", "lby": "LY", "mdg": "MG",
	"mwi": "MW", "mli": "ML", "mrt": "MR", "mus": "MU", "mar": "MA", "moz": "MZ",
	"nam": "NA", "ner": "NE", "nga": "NG", "rwa": "RW", "stp": "ST", "sen": "SN",
	"syc": "SC", "sle": "SL", "som": "SO", "zaf": "ZA", "ssd": "SS", "sdn": "SD",
	"tza": "TZ", "tgo": "TG", "tun": "TN", "uga": "UG", "zmb": "ZM", "zwe": "ZW",
	"esh": "EH",
	// Middle East
	"bhr": "BH", "irn": "IR", "irq": "IQ", "isr": "IL", "jor": "JO", "kwt": "KW",
	"lbn": "LB", "omn": "OM", "pse": "PS", "qat": "QA", "sau": "SA", "syr": "SY",
	"tur": "TR", "are": "AE", "yem": "YE",
	// Central and South Asia
	"afg": "AF", "bgd": "BD", "btn": "BT", "ind": "IN", "kaz": "KZ", "kgz": "KG",
	"mdv": "MV", "npl": "NP", "pak": "PK", "lka": "LK", "tjk": "TJ", "tkm": "TM",
	"uzb": "UZ",
	// East and South-East Asia
	"brn": "BN", "khm": "KH", "chn": "CN", "idn": "ID", "jpn": "JP", "lao": "LA",
	"mys": "MY", "mng": "MN", "mmr": "MM", "prk": "KP", "phl": "PH", "sgp": "SG",
	"kor": "KR", "twn": "TW", "tha": "TH", "tls": "TL", "vnm": "VN",
	"hkg": "HK", "mac": "MO",
	// Europe
	"alb": "AL", "and": "AD", "arm": "AM", "aut": "AT", "aze": "AZ", "blr": "BY",
	"bel": "BE", "bih": "BA", "bgr": "BG", "hrv": "HR", "cyp": "CY", "cze": "CZ",
	"dnk": "DK", "est": "EE", "fin": "FI", "fra": "FR", "geo": "GE", "deu": "DE",
	"grc": "GR", "hun": "HU", "isl": "IS", "irl": "IE", "ita": "IT", "xkx": "XK",
	"lva": "LV", "lie": "LI", "ltu": "LT", "lux": "LU", "mlt": "MT", "mda": "MD",
	"mco": "MC", "mne": "ME", "nld": "NL", "mkd": "MK", "nor": "NO", "pol": "PL",
	"prt": "PT", "rou": "RO", "rus": "RU", "smr": "SM", "srb": "RS", "svk": "SK",
	"svn": "SI", "esp": "ES", "swe": "SE", "che": "CH", "ukr": "UA", "gbr": "GB",
	"vat": "VA", "grl": "GL",
	// Americas
	"atg": "AG", "arg": "AR", "bhs": "BS", "brb": "BB", "blz": "BZ", "bol": "BO",
	"bra": "BR", "can": "CA", "chl": "CL", "col": "CO", "cri": "CR", "cub": "CU",
	"dma": "DM", "dom": "DO", "ecu": "EC", "slv": "SV", "grd": "GD", "gtm": "GT",
	"guy": "GY", "hti": "HT", "hnd": "HN", "jam": "JM", "mex": "MX", "nic": "NI",
	"pan": "PA", "pry": "PY", "per": "PE", "kna": "KN", "lca": "LC", "vct": "VC",
	"sur": "SR", "tto": "TT", "usa": "US", "ury": "UY", "ven": "VE", "pri": "PR",
	// Oceania
	"aus": "AU", "fji": "FJ", "kir": "KI", "mhl": "MH", "fsm": "FM", "nru": "NR",
	"nzl": "NZ", "plw": "PW", "png": "PG", "wsm": "WS", "slb": "SB", "ton": "TO",
	"tuv": "TV", "vut": "VU",
}

// countryCode returns the ISO 3166-1 alpha-2 code for a knowledge-base id
// that is an alpha-3 code, or "".
func countryCode(kbID string) string {
	if len(kbID) != 3 {
		return ""
	}
	return alpha2[strings.ToLower(kbID)]
}
