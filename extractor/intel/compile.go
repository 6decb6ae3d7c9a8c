package intel

import (
	"bytes"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor/catalog"
)

// hitKind says what a catalog pattern names.
type hitKind uint8

const (
	hitVendor hitKind = iota + 1
	hitFamily
	hitBench
	hitNotModel
	hitLicense
	hitCue
	// hitHint is a phrase that points at a vendor without naming it
	// ("Tsinghua" for Zhipu): context for garbled names.
	hitHint
)

// cue kinds, in the order of catalog.CueKinds.
type cueKind uint8

const (
	cueRelease cueKind = iota
	cueOutperforms
	cueMatches
	cueEfficiency
	cueBase
	cueHistory
	cuePlanned
	cueNegation
	cueActive
	cueTotal
	cueParams
	cueOpen
	cueModelNouns
	cueAI
	cueNaming
	cueDocuments
	cueTrails
	cueRivals
	cueAlongside
	cueThanks
	cueDenial
	cueData
	cueMembers
	cueImproves
	cueEarlier
	cueDelta
	cueSeries
	cueGenre
	cueFresh
	cueAvailable
	cueLeads
	cueGain
	numCues
)

// ref is one meaning of a pattern: a pattern such as "mistral" can name
// both a vendor and a family.
type ref struct {
	kind hitKind
	// idx indexes the catalog's vendors, families, benchmarks or licences,
	// or is the cueKind.
	idx int
	// exact, when set, is the only surface this meaning accepts.
	exact string
	// after marks a cue that follows what it qualifies (Korean and Japanese
	// verbs, Chinese "…的基础上").
	after bool
	// local marks a cue whose object stays in its clause: German, French,
	// Spanish … verbs that come last in their clause as often as first
	// ("hat Llama 4 veröffentlicht", "einen Bericht veröffentlicht, in dem
	// … Llama 4").
	local bool
	// tight marks a one-character cue written in Chinese characters
	// ("超" of "4.5多项测试超GPT-4.5"): it binds only a name right after it.
	tight bool
	// lang is the language of a cue meaning that the same phrase has in
	// another language with the other word order ("比肩" before its model
	// in Chinese, after it in Japanese); empty for every other meaning.
	lang string
	// upper: the catalog spells the pattern with capitals, so an
	// all-lowercase Latin match is an identifier ("nvidia-container-toolkit",
	// "from openai import").
	upper bool
	// stem is what a family stem writes in names: the family's name for its
	// spellings and transliterations ("큐웬" → "Qwen"), the stem itself for a
	// sub-brand ("ChatGPT", "umT5").
	stem string
	// letters marks the word of a family whose catalogued names are that
	// word and a capital letter ("Command A", "Command R"): another
	// letter after it names a model beside the family's maker
	// (letterStems, spacedForms).
	letters bool
	// dropped marks the rest of a family stem that opens with its maker's
	// name ("Nova" of "Amazon Nova"): with a spaced version it names a
	// model beside the maker only (makerDropped, spacedForms).
	dropped bool
	// versioned marks a native spelling that is also an ordinary word
	// ("소라", "파이"): it names a model only with a version after it.
	versioned bool
}

// fixedOrder are the languages whose release verbs come before their
// object in the analyzer's reading (English, Chinese, Vietnamese) or after
// it (Korean and Japanese cues are marked after).
var fixedOrder = map[string]bool{"en": true, "zh": true, "ja": true, "ko": true, "vi": true}

// cueAfter reports a cue phrase p of language lang that follows what it
// qualifies: Korean and Japanese cues, "-post" lists, Chinese "的…" and
// Japanese "の…".
func cueAfter(lang, p string) bool {
	return lang == "ko" || lang == "ja" || strings.HasSuffix(lang, "-post") || strings.HasPrefix(p, "的") || strings.HasPrefix(p, "の")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// variant is what a name-continuing word implies.
type variant struct {
	modalities modality
	spaced     bool
	// alone: the word names the model it ends on its own ("Maverick").
	alone bool
	// brand: the word keeps its capital where the family writes variant
	// words in lowercase ("GPT-5.1-Codex").
	brand bool
}

// modality is a set of modalities: bit i is modalityNames[i].
type modality uint8

var modalityNames = []string{"text", "image", "audio", "video", "embedding", "robotics"}

func modalitiesOf(names []string) modality {
	var m modality
	for _, n := range names {
		for i, mn := range modalityNames {
			if n == mn {
				m |= 1 << i
			}
		}
	}
	return m
}

func (m modality) names() []string {
	var out []string
	for i, n := range modalityNames {
		if m&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// compiled is the catalog turned into matchers, built once by New.
type compiled struct {
	// patterns are every alias, stem, benchmark and cue phrase, lowercased;
	// refs their meanings. byPair indexes the patterns that start with an
	// ASCII letter or digit and are two bytes long by those bytes, byRune the others by
	// their first rune; byTriple holds those of three bytes or more by their
	// first three. Lists run longest first.
	patterns []string
	refs     [][]ref
	byTriple map[uint32][]int32
	byPair   map[uint16][]int32
	byRune   map[rune][]int32
	// starts marks the first two bytes of patterns: 1 when a two-byte
	// pattern has them, 2 when a longer one does; most words start none.
	starts [1 << 16]uint8
	// runes marks the runes below U+10000 that start a pattern.
	runes [1 << 16 / 8]uint8
	// triples is a filter of the first three bytes of longer patterns, by
	// a 16-bit hash: a clear bit means no pattern starts so.
	triples [1 << 16 / 8]uint8
	// variants, formats and notModelParts are keyed by lowercase word.
	variants      map[string]variant
	formats       map[string]bool
	notModelParts map[string]bool
	// langCodes are the catalog's language codes, lowercase ("ja", "yue").
	langCodes map[string]bool
	// stemWords are lowercase stems and vendor names: a name part that is
	// one starts another name ("GPT-Yi"); stemFamily finds the family of
	// a lowercase stem.
	stemWords  map[string]bool
	stemFamily map[string]int
	// notVendorContext are words that, right after a vendor name, make it a
	// product ("NVIDIA A800").
	notVendorContext []string
	// stopwords are exact words never taken for a new name.
	stopwords map[string]bool
	// otherHeads, otherHeadsLater and webDomains are the lexicon's
	// lists, lowercased: what a bare family name opens when it is no
	// model (otherThingAfter).
	otherHeads, otherHeadsLater, webDomains map[string]bool
	// codeHeads are the lexicon's code_heads, lowercase.
	codeHeads map[string]bool
	// short lists the families a lone version prefix letter may stand for.
	short [256][]int
	// familyMods are each family's default modalities, familyVendor its
	// vendor's index.
	familyMods   []modality
	familyVendor []int
	// familyLower: the family's name is written in lowercase ("tsuzumi").
	familyLower []bool
	// familyDistinct: the family's names are no ordinary words, so a
	// versioned mention alone makes a text about AI ("Qwen2.5", "GPT-4o";
	// not "Ray-2" or "Phi-4").
	familyDistinct []bool
	// broad marks the vendors whose names alone say nothing of AI.
	broad []bool
	// vendorParent is the index of the group that owns each vendor, -1
	// for none.
	vendorParent []int
	// morphemes are the catalog's name morphemes.
	morphemes []string
	// spellings maps native spellings of variant words to the words.
	spellings map[string]string
	// pronouns are the catalog's pronouns, trimmed and lowercased.
	pronouns [][]byte
	// familySounds and vendorSounds find the catalogued names a garbled
	// Latin spelling sounds like ("Kwen" → Qwen, "Zippu" → Zhipu).
	familySounds, vendorSounds soundIndex
	// notGarbles are lowercase words never read as garbled names.
	notGarbles map[string]bool
	// orgSuffixes are the Latin organisation suffixes ("AI", "Labs").
	orgSuffixes map[string]string
	// caseStems finds the families of stems matched only in their case
	// ("ERNIE", "Grok") by their lowercase spelling, for names written in
	// another case beside their maker ("Ernie 4.5").
	caseStems map[string]int
	// familyStyle, familyLowerVariants: how canonical names of a family
	// are written; variantSpelling is the canonical spelling of each
	// lowercase variant word.
	familyStyle         []style
	familyLowerVariants []bool
	variantSpelling     map[string]string
	// familyRenames are each family's renames from a version on, oldest
	// first (catalog.Family.Renamed); familyName is each family's name.
	familyRenames [][]rename
	familyName    []string
	// pinned finds the catalog's canonical models by folded name or alias.
	pinned map[string]int
	// vendorOfAlias resolves GitHub owners and discovered organisations.
	vendorOfAlias map[string]int
	// benchByFold finds a benchmark from a folded table cell.
	benchByFold map[string]int
	// ownMarkers are the catalog's own-model marks, lowercased.
	ownMarkers []string
	// valueWords are the cue phrases read only beside numbers (kinds
	// earlier and delta), lowercased.
	valueWords [numCues][]valueWord
}

// valueWord is a phrase that qualifies a number: before it, or after it
// for one that follows what it qualifies ("70%에서").
type valueWord struct {
	text  string
	after bool
}

func compile(cat *catalog.Catalog) *compiled {
	c := &compiled{
		variants:        map[string]variant{},
		formats:         map[string]bool{},
		langCodes:       map[string]bool{},
		notModelParts:   map[string]bool{},
		stemWords:       map[string]bool{},
		stemFamily:      map[string]int{},
		stopwords:       map[string]bool{},
		vendorOfAlias:   map[string]int{},
		benchByFold:     map[string]int{},
		notGarbles:      map[string]bool{},
		caseStems:       map[string]int{},
		variantSpelling: map[string]string{},
		pinned:          map[string]int{},
	}
	ps := &patternSet{c: c, index: map[string]int{}}
	vendorIdx := c.addVendors(cat, ps)
	c.addFamilies(cat, ps, vendorIdx)
	c.addModels(cat)
	c.addBenchmarks(cat, ps)
	c.addLexicon(cat, ps)
	c.index(ps.patterns)
	return c
}

// patternSet gathers the catalog's patterns, lowercased, and their
// meanings (compiled.refs), one entry per distinct pattern.
type patternSet struct {
	c        *compiled
	index    map[string]int
	patterns []string
}

// add records a meaning of surface; caseSensitive limits it to that exact
// spelling.
func (ps *patternSet) add(surface string, caseSensitive bool, r ref) {
	c := ps.c
	if caseSensitive {
		r.exact = surface
	}
	r.upper = r.kind == hitVendor && hasUpper([]byte(surface))
	p := strings.ToLower(surface)
	id, ok := ps.index[p]
	if !ok {
		id = len(ps.patterns)
		ps.index[p] = id
		ps.patterns = append(ps.patterns, p)
		c.refs = append(c.refs, nil)
	}
	for _, old := range c.refs[id] {
		if old == r {
			return
		}
	}
	c.refs[id] = append(c.refs[id], r)
}

// addVendors compiles the vendors' names, aliases and hints, and returns
// each vendor's index by id.
func (c *compiled) addVendors(cat *catalog.Catalog, ps *patternSet) map[string]int {
	add := ps.add
	vendorIdx := map[string]int{}
	for i, v := range cat.Vendors {
		vendorIdx[v.ID] = i
	}
	for i, v := range cat.Vendors {
		p, ok := vendorIdx[v.Parent]
		if !ok {
			p = -1
		}
		c.vendorParent = append(c.vendorParent, p)
		c.broad = append(c.broad, v.Broad)
		r := ref{kind: hitVendor, idx: i}
		for a, exact := range v.Spellings() {
			add(a, exact, r)
		}
		for _, a := range append([]string{v.ID}, v.All()...) {
			c.vendorOfAlias[fold(a)] = i
			c.stemWords[strings.ToLower(a)] = true
		}
		for _, a := range append([]string{v.Name}, v.Aliases...) {
			if !slices.Contains(v.Case, a) {
				c.vendorSounds.add(a, i)
			}
		}
		for _, h := range v.Hints {
			add(h, false, ref{kind: hitHint, idx: i})
		}
	}
	return vendorIdx
}

// rename is a compiled catalog.Rename: from a version on, a family's
// models are written with stem (when set) and belong to family (when not
// -1).
type rename struct {
	from   string
	stem   string
	family int
}

// addFamilies compiles the families' stems and what names of each are
// like: its vendor, modalities, style, short forms, renames, and the
// sounds of its stems for garbled names.
func (c *compiled) addFamilies(cat *catalog.Catalog, ps *patternSet, vendorIdx map[string]int) {
	add := ps.add
	familyIdx := map[string]int{}
	for i, f := range cat.Families {
		familyIdx[f.ID] = i
	}
	for i, f := range cat.Families {
		out := stemOuts(f)
		for _, s := range f.Stems {
			add(s, false, ref{kind: hitFamily, idx: i, stem: out[s]})
		}
		for _, s := range f.Versioned {
			add(s, false, ref{kind: hitFamily, idx: i, stem: f.Name, versioned: true})
		}
		for _, s := range f.Case {
			add(s, true, ref{kind: hitFamily, idx: i, stem: out[s]})
			if l := strings.ToLower(s); l != s && len(s) >= 4 && isASCIIWord(s) {
				// "granite-5.0-8b-instruct": a repository's or model
				// hub's lowercase id; familyMention keeps it only so.
				add(l, true, ref{kind: hitFamily, idx: i, stem: out[s]})
			}
		}
		for _, w := range letterStems(f) {
			add(w, true, ref{kind: hitFamily, idx: i, stem: w, letters: true})
		}
		for w, stem := range c.makerDropped(f, vendorIdx[f.Vendor], cat.Stopwords, out) {
			add(w, true, ref{kind: hitFamily, idx: i, stem: stem, dropped: true})
		}
		c.familyRenames = append(c.familyRenames, renamesOf(f, familyIdx))
		c.familyName = append(c.familyName, f.Name)
		c.familyLower = append(c.familyLower, strings.ToLower(f.Name) == f.Name)
		c.familyDistinct = append(c.familyDistinct, distinctFamily(f))
		for _, s := range f.Short {
			c.short[s[0]] = append(c.short[s[0]], i)
		}
		c.familyMods = append(c.familyMods, modalitiesOf(f.Modalities))
		v := vendorIdx[f.Vendor]
		c.familyVendor = append(c.familyVendor, v)
		for _, s := range append(append([]string{}, f.Stems...), f.Case...) {
			c.stemWords[strings.ToLower(s)] = true
			if _, dup := c.stemFamily[strings.ToLower(s)]; !dup {
				c.stemFamily[strings.ToLower(s)] = i
			}
		}
		// Garbles are read only of names that are no ordinary words: stems
		// matched in any case, or written with inner or all capitals.
		for _, s := range f.Stems {
			c.familySounds.add(s, i)
		}
		for _, s := range f.Case {
			if hasInnerUpper(s) || isAllCaps(s) {
				c.familySounds.add(s, i)
			}
			if len(s) >= 3 && isASCIIWord(s) {
				if _, dup := c.caseStems[strings.ToLower(s)]; !dup {
					c.caseStems[strings.ToLower(s)] = i
				}
			}
		}
		c.familyStyle = append(c.familyStyle, styleOf(f.Style))
		c.familyLowerVariants = append(c.familyLowerVariants, f.LowerVariants)
	}
}

// addModels indexes the catalog's pinned models by every spelling.
func (c *compiled) addModels(cat *catalog.Catalog) {
	for i, m := range cat.Models {
		for _, n := range append([]string{m.Name}, m.Aliases...) {
			c.pinned[fold(n)] = i
		}
	}
}

// addBenchmarks compiles the benchmarks' names and aliases.
func (c *compiled) addBenchmarks(cat *catalog.Catalog, ps *patternSet) {
	add := ps.add
	for i, b := range cat.Benchmarks {
		r := ref{kind: hitBench, idx: i}
		for a, exact := range b.Spellings() {
			add(a, exact, r)
		}
		for _, a := range b.All() {
			c.benchByFold[fold(a)] = i
		}
	}
}

// addLexicon compiles the words that are no names: names that are not
// models, licences, cue phrases, variant words, packaging formats and the
// other word lists.
func (c *compiled) addLexicon(cat *catalog.Catalog, ps *patternSet) {
	add := ps.add
	c.orgSuffixes = map[string]string{}
	for _, suf := range cat.OrgSuffixes {
		if suf[0] < utf8.RuneSelf {
			c.orgSuffixes[suf] = suf
		}
	}
	for _, w := range cat.NotGarbles {
		c.notGarbles[strings.ToLower(w)] = true
	}
	for _, n := range cat.NotModels {
		add(n, false, ref{kind: hitNotModel})
	}
	for i, l := range cat.Licenses {
		for a, exact := range l.Spellings() {
			add(a, exact, ref{kind: hitLicense, idx: i})
		}
	}
	for k, name := range catalog.CueKinds {
		// Languages in a fixed order, so a phrase two languages share
		// ("比肩" before its model in Chinese, after it in Japanese) has
		// its meanings in the same order in every build.
		langs := slices.Sorted(maps.Keys(cat.Cues[name]))
		orders := map[string]int{} // phrase → 1 before, 2 after, 3 both
		for _, lang := range langs {
			for _, p := range cat.Cues[name][lang] {
				orders[p] |= 1 << b2i(cueAfter(lang, p))
			}
		}
		for _, lang := range langs {
			for _, p := range cat.Cues[name][lang] {
				after := cueAfter(lang, p)
				// AI words written with capitals are names or acronyms
				// ("AI", "KI"), matched with their case only.
				exact := cueKind(k) == cueAI && hasUpper([]byte(p))
				local := !after && !fixedOrder[lang]
				r, _ := utf8.DecodeRuneInString(p)
				tight := !after && utf8.RuneCountInString(p) == 1 && isCJK(r)
				if cueKind(k) == cueEarlier || cueKind(k) == cueDelta || cueKind(k) == cueGain {
					// Read only beside numbers (valueWord), not scanned.
					c.valueWords[k] = append(c.valueWords[k], valueWord{strings.ToLower(p), after})
					continue
				}
				cue := ref{kind: hitCue, idx: k, after: after, local: local, tight: tight}
				if orders[p] == 3 {
					cue.lang, _, _ = strings.Cut(lang, "-")
				}
				add(p, exact, cue)
			}
		}
	}
	for _, v := range cat.Variants {
		m := modalitiesOf(v.Modalities)
		for _, w := range v.Words {
			if _, ok := c.variantSpelling[strings.ToLower(w)]; !ok {
				c.variantSpelling[strings.ToLower(w)] = w
			}
			old := c.variants[strings.ToLower(w)]
			c.variants[strings.ToLower(w)] = variant{modalities: m | old.modalities, spaced: v.Spaced || old.spaced, alone: v.Alone || old.alone, brand: v.Brand || old.brand}
		}
	}
	for _, f := range cat.Formats {
		c.formats[strings.ToLower(f)] = true
	}
	for _, l := range cat.LanguageCodes {
		c.langCodes[l] = true
	}
	for _, p := range cat.NotModelParts {
		c.notModelParts[strings.ToLower(p)] = true
	}
	c.notVendorContext = cat.NotVendorContext
	for _, m := range cat.OwnMarkers {
		c.ownMarkers = append(c.ownMarkers, strings.ToLower(m))
	}
	c.morphemes = cat.NameMorphemes
	c.spellings = cat.VariantSpellings
	for _, p := range cat.Pronouns {
		c.pronouns = append(c.pronouns, bytes.ToLower([]byte(strings.TrimSpace(p))))
	}
	for _, s := range cat.Stopwords {
		c.stopwords[s] = true
	}
	c.otherHeads = wordSet(cat.OtherHeads)
	c.codeHeads = wordSet(cat.CodeHeads)
	c.otherHeadsLater = wordSet(cat.OtherHeadsLater)
	c.webDomains = wordSet(cat.WebDomains)
}

// wordSet returns the lowercase words of list as a set.
func wordSet(list []string) map[string]bool {
	set := make(map[string]bool, len(list))
	for _, w := range list {
		set[strings.ToLower(w)] = true
	}
	return set
}

// index builds the first-bytes lookup of the patterns.
//
// Hand-written rather than an Aho-Corasick library: Latin patterns may only
// start at a word boundary and CJK ones at a character, so looking patterns
// up by their first two bytes at word starts (and by first rune elsewhere)
// finds every match; on this catalog that runs several times faster than
// the Go Aho-Corasick packages measured (12–47 MB/s on the release pages).
func (c *compiled) index(patterns []string) {
	c.patterns = patterns
	c.byPair = map[uint16][]int32{}
	c.byRune = map[rune][]int32{}
	c.byTriple = map[uint32][]int32{}
	for i, p := range patterns {
		if len(p) >= 3 && isAlnum(p[0]) {
			k := tripleKey(p[0], p[1], p[2])
			c.byTriple[k] = append(c.byTriple[k], int32(i))
			c.starts[pairKey(p[0], p[1])] |= 2
			h := tripleHash(k)
			c.triples[h>>3] |= 1 << (h & 7)
			continue
		}
		if len(p) == 2 && isAlnum(p[0]) {
			k := pairKey(p[0], p[1])
			c.byPair[k] = append(c.byPair[k], int32(i))
			c.starts[k] |= 1
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		c.byRune[r] = append(c.byRune[r], int32(i))
		if r < 1<<16 {
			c.runes[r>>3] |= 1 << (r & 7)
		}
	}
	longestFirst := func(list []int32) {
		sort.Slice(list, func(a, b int) bool { return len(patterns[list[a]]) > len(patterns[list[b]]) })
	}
	for _, l := range c.byTriple {
		longestFirst(l)
	}
	for _, l := range c.byRune {
		longestFirst(l)
	}
}

func pairKey(a, b byte) uint16 { return uint16(lowerASCII(a))<<8 | uint16(lowerASCII(b)) }

// tripleHash folds a triple key to 16 bits for the triples filter.
func tripleHash(k uint32) uint32 { return (k * 2654435761) >> 16 }

func tripleKey(a, b, c byte) uint32 {
	return uint32(lowerASCII(a))<<16 | uint32(lowerASCII(b))<<8 | uint32(lowerASCII(c))
}

func lowerASCII(b byte) byte {
	if isUpper(b) {
		return b + 'a' - 'A'
	}
	return b
}

// hasPrefixFold reports whether buf starts with the lowercase pattern p,
// folding ASCII case only.
func hasPrefixFold(buf []byte, p string) bool {
	if len(buf) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if lowerASCII(buf[i]) != p[i] {
			return false
		}
	}
	return true
}

// hasPrefixName reports whether buf starts with the lowercase catalog name
// p, folding ASCII case; a space in the name matches a hyphen too ("Deep
// Seek" reads "Deep-Seek", "Stable Diffusion" "Stable-Diffusion").
func hasPrefixName(buf []byte, p string) bool {
	if len(buf) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if b := lowerASCII(buf[i]); b != p[i] && !(p[i] == ' ' && b == '-' && i > 0) {
			return false
		}
	}
	return true
}

// renamesOf compiles a family's renames, with family indexes for ids.
func renamesOf(f catalog.Family, familyIdx map[string]int) []rename {
	var out []rename
	for _, r := range f.Renamed {
		fam, ok := familyIdx[r.Family]
		if !ok {
			fam = -1
		}
		out = append(out, rename{from: r.From, stem: r.Name, family: fam})
	}
	return out
}

// makerDropped returns the rest of each stem of family f that opens with
// the name of its maker v ("Nova" of "Amazon Nova", "Arctic" of "Snowflake
// Arctic"), with the name the stem writes: news drops the maker's name
// where it names the maker beside the model ("Amazon made Nova 3 Lite
// generally available"). The rest is one capitalised word of three
// letters or more and no stopword ("AI" of "Rakuten AI" is none).
func (c *compiled) makerDropped(f catalog.Family, v int, stopwords []string, out map[string]string) map[string]string {
	rest := map[string]string{}
	for _, s := range slices.Concat(f.Stems, f.Case) {
		maker, w, ok := strings.Cut(s, " ")
		if !ok || len(w) < 3 || !isUpper(w[0]) || !isASCIIWord(w) || slices.Contains(stopwords, w) {
			continue
		}
		if m, known := c.vendorOfAlias[fold(maker)]; known && m == v {
			rest[w] = out[s]
		}
	}
	return rest
}

// letterStems returns the words of a family whose catalogued names are
// that word and a capital letter, with two letters or more ("Command" of
// "Command A" and "Command R"): the family's versions are letters, so
// "Command B" beside Cohere is one of its models. A brand that ends in one
// letter ("HyperCLOVA X") has only that one.
func letterStems(f catalog.Family) []string {
	letters := map[string]map[byte]bool{}
	for _, s := range slices.Concat(f.Stems, f.Case) {
		w, l, ok := strings.Cut(strings.TrimSuffix(s, "+"), " ")
		if !ok || len(l) != 1 || !isUpper(l[0]) || !isASCIIWord(w) {
			continue
		}
		if letters[w] == nil {
			letters[w] = map[byte]bool{}
		}
		letters[w][l[0]] = true
	}
	var out []string
	for w, ls := range letters {
		if len(ls) >= 2 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// stemOuts returns what each stem of a family writes in names (stemOut):
// a Latin sub-brand writes the spelling listed first among those that
// differ from it only in case, spaces, hyphens and dots ("Doubao Seed"
// writes "Doubao-Seed"), so every spelling of a model gets one display
// name.
func stemOuts(f catalog.Family) map[string]string {
	out := map[string]string{}
	byFold := map[string]string{}
	for _, s := range slices.Concat(f.Stems, f.Case) {
		o := stemOut(s, f.Name)
		key := fold(s)
		if first, ok := byFold[key]; !ok {
			byFold[key] = o
		} else if o == s {
			o = first // a sub-brand spelled apart: "Doubao Seed"
		}
		out[s] = o
	}
	return out
}

// stemOut returns what a family stem writes in names: the family's name,
// unless the stem is a Latin sub-brand spelled differently ("ChatGPT",
// "Command R+": a "+" ending a word is part of the name).
func stemOut(stem, name string) string {
	plain := strings.NewReplacer(" ", "", "-", "", ".", "").Replace(plusWords(stem))
	if isASCIIWord(plain) && fold(stem) != fold(name) {
		return stem
	}
	return name
}

// plusWords writes each "+" after a letter as the word "plus" ("Command
// R+" → "Command R plus"), as model hubs spell it ("command-r-plus"). A "+"
// after a digit says "or later" ("GPT-4+", "Llama 3+") and is no name.
func plusWords(s string) string {
	if !strings.Contains(s, "+") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '+' && i > 0 && isLetterASCII(s[i-1]) {
			b.WriteString(" plus")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// fold is the comparison key of a name (appendFold): lowercase letters
// and digits only, as the evaluation compares names, and "plus" for a "+"
// after a letter, so that a model's key (modelRec.key) and the fold of a
// text that names it agree ("Command R+").
func fold(s string) string {
	return string(appendFold(make([]byte, 0, len(s)), []byte(s)))
}

// distinctFamily reports a family whose stems are no ordinary words: a
// stem matched in any case, or one written in capitals or with an inner
// capital ("GPT", "PaLM"), and no version that must be joined.
func distinctFamily(f catalog.Family) bool {
	if f.Joined {
		return false
	}
	if len(f.Stems) > 0 {
		return true
	}
	for _, st := range f.Case {
		if hasInnerUpper(st) || len(st) >= 2 && isAllCaps(st) {
			return true
		}
	}
	return false
}
