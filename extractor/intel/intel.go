// Package intel finds release intelligence in an article: the vendors and
// models it names (with version, size, variant, parameter counts, licence,
// modality and open weights), the benchmark scores and comparisons it claims,
// and which models it announces as newly released.
//
// Everything is driven by a catalog.Catalog compiled once by New into one
// index of every alias, stem, benchmark and cue phrase in every language
// (looked up by first bytes at word starts and by first rune in CJK text),
// plus small lookup tables; Analyze is a pure function of the article and
// its tables, linear in the text, with no I/O.
//
// Names are read by a grammar rather than listed: a catalogued stem followed
// by versions, sizes and variant words ("Qwen2.5-72B-Instruct", "Llama 3.1
// 405B", "Claude Sonnet 4"), transliterated stems ("큐웬3" → Qwen3), lone
// versions once their family is named ("V3.1" → DeepSeek-V3.1), one-letter
// misspellings next to the vendor ("Quen2.5"), and product-like names that no
// catalog knows when a release sentence introduces them.
//
// Ordinary news is full of release verbs ("launched", "veröffentlicht",
// "发布") and of names shaped like models ("AirPods Pro 2", "NDR-Reporter",
// "COP28"), and every release found is published to subscribers. So an
// article is read for models only when it speaks of AI (AI words, AI labs,
// benchmarks, a versioned catalogued model); vendors whose name alone says
// nothing of AI (Google, Samsung, LG) are reported only then; and a name no
// catalog knows is read only where a release verb introduces it beside talk
// of models, shaped like a model's name (a version or size, a morpheme such
// as "GPT", a variant, or a model noun beside it).
package intel

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/extractor/catalog"
)

// maxText bounds the bytes of article text analysed, so adversarial input
// costs bounded time.
const maxText = 1 << 20

// Analyzer finds vendors, models, claims and releases in articles. It
// implements extractor.Analyzer and is safe for concurrent use.
type Analyzer struct {
	cat *catalog.Catalog
	c   *compiled
	hub hubOrgs // Hugging Face organisations of catalog vendors
	// code are the code host organisations of catalog vendors that are no
	// names of theirs ("pytorch").
	code hubOrgs
	// states recycles the working memory of Analyze calls.
	states sync.Pool
}

var _ extractor.Analyzer = (*Analyzer)(nil)

// New compiles cat into an Analyzer. cat must not be changed afterwards.
func New(cat *catalog.Catalog) *Analyzer {
	return &Analyzer{cat: cat, c: compile(cat), hub: newHubOrgs(cat), code: newCodeOrgs(cat)}
}

// modelRec is one distinct model found in an article.
type modelRec struct {
	name, key string
	// family indexes the catalog's families, -1 for a discovered model.
	family int
	// vendor indexes the catalog's vendors, -1 when unknown; vendorName
	// names a discovered vendor.
	vendor     int
	vendorName string
	count      int
	first      int
	bare       bool
	totalB     float64
	activeB    float64
	mods       modality
	open       bool
	// release decision: the confidence (0: not released), the evidence,
	// and whether the model is released alongside another (a size or
	// variant, a download) rather than announced itself.
	conf     float64
	evidence string
	along    bool
	// roles seen across the article: targeted (compared against), based
	// (built on, thanked, an example), held (planned), denied, recalled
	// (released before); benched: a column or row of a benchmark table
	// that is not the article's own (ours: marked "(ours)").
	targeted, based, held, denied, recalled bool
	benched, ours                           bool
	// roleAt is, per kind of role, one past the position where the text
	// first gave the model that role (0: never): its evidence.
	roleAt [numRoleKinds]int32
	// res is the surest resolution among the mentions; surfaces the
	// spellings seen; pinned: the name is the catalog's models list's.
	res      resolution
	surfaces []string
	pinned   bool
	// rival: a name no catalog knows that a comparison introduced; its
	// maker is not the article's.
	rival bool
	// toks are the name's tokens, once tokens read them.
	toks []string
}

// tokens returns nameTokens of the model's name, split once per model;
// callers must not change them.
func (m *modelRec) tokens() []string {
	if m.toks == nil {
		m.toks = nameTokens(m.name)
	}
	return m.toks
}

// roleKind is a role a model can have besides being released; the first
// kind found of denied, planned, compared, built on and historical is the
// role of a model the article does not release.
type roleKind uint8

const (
	kindDenied roleKind = iota
	kindPlanned
	kindCompared
	kindBuiltOn
	kindHistorical
	numRoleKinds
)

// roleNames are the event's names of the role kinds.
var roleNames = [numRoleKinds]string{event.RoleDenied, event.RolePlanned, event.RoleCompared, event.RoleBuiltOn, event.RoleHistorical}

// mark gives the model role kind k, with its evidence at position at.
func (m *modelRec) mark(k roleKind, at int) {
	switch k {
	case kindDenied:
		m.denied = true
	case kindPlanned:
		m.held = true
	case kindCompared:
		m.targeted = true
	case kindBuiltOn:
		m.based = true
	case kindHistorical:
		m.recalled = true
	}
	if m.roleAt[k] == 0 {
		m.roleAt[k] = int32(at) + 1
	}
}

// state is the working memory of one Analyze call.
type state struct {
	an     *Analyzer
	a      *event.Article
	tables []extractor.Table
	buf    []byte
	// titleEnd is where the title (sentence 0) ends in buf.
	titleEnd int
	sents    []span
	// tableLines are the lines of the text that are table rows,
	// codeLines those that are commands or code, headLines headings.
	tableLines, codeLines, headLines []span
	models                           []*modelRec
	byKey                            map[string]int
	mentions                         []mention
	// vendorHits are explicit vendor names; benches, licenses and cues the
	// other catalog matches.
	vendorHits []hit
	benches    []benchHit
	licenses   []hit
	cues       [numCues][]hit
	// cellMode: mentions found in table cells add models but not counts;
	// firstBase places a cell after the text, so models first seen in
	// tables order after those of the text, table by table.
	cellMode  bool
	firstBase int
	// stems are the names no catalog knows that the article introduces,
	// longest first (discover), read in table cells too.
	stems []string
	// versioned marks the stems a version number continues (readStem).
	versioned map[string]bool
	// discovered vendors by name
	newVendors  []string
	newVendorAt map[string]int
	// glosses caches glossesAfter: by name, what brackets after it hold.
	glosses map[string]*glosses
	primary int // vendor index, -1 when none
	topic   int // model index, -1 when none
	// topicReleases are the evidence of the text's unnamed releases of
	// "the model" that the topic may take once every release sentence
	// is read (releaseTopic).
	topicReleases []string
	claims        []event.Claim
	// tableCells are the tables read cell by cell; downloads the models
	// offered for download in them.
	tableCells []table
	downloads  []int
	// thousandsDot: the language writes 1.000 for a thousand;
	// decimalComma: it writes 0,5 for a half.
	thousandsDot, decimalComma bool
	// nameBuf and keyBuf are scratch space for model names, lowBuf for
	// lowercased text.
	nameBuf, keyBuf, lowBuf []byte
	// sub reads table cells; cellsRead counts them.
	sub       *state
	cellsRead int
	// sortedN mentions are in text order (covered searches them).
	sortedN int
	// aboutAI: the article speaks of AI models (weighAI).
	aboutAI bool
	// spaced are stems of joined families followed by a spaced version
	// ("Step 3"), read as names by spacedForms beside their maker.
	spaced []spacedStem
	// hints are vendor hints ("Tsinghua"): context for garbled names.
	hints []hit
	// caps are the starts of capitalised Latin words, as scan passes them:
	// where garbled names may stand.
	caps []int32
	// lenient reads a name given alone (Resolve): lowercase names, and
	// garbles and spaced forms without their maker beside them.
	lenient bool
	// defined are the folded names a project's page defines as models
	// in a list of its own ("* MusicGen: A … model"): listDefinitions.
	defined []string
	// rebranded are the folded names the text gives its maker after a
	// rebrand word ("rebranded to OpenAudio"): rebrandedMakers.
	rebranded []string
	// repoFold is the folded repository name repoKey read, once
	// repoRead.
	repoFold string
	repoRead bool
	// followUp is what followUpTitle found, once followRead: a title
	// that dates its release back and announces nothing now.
	followUp, followRead bool
	// newlines are the positions of the text's line breaks, once
	// newlinesRead (lineStart).
	newlines     []int
	newlinesRead bool
	// orgWords are the words of two to four letters that stand right
	// before an organisation suffix somewhere in the text, once
	// orgWordsRead (orgWordBefore).
	orgWords     map[string]bool
	orgWordsRead bool
	// linkRows holds, by the start of each line socialHit read, the items
	// of the line when it is a row of links, nil when it is none.
	linkRows map[int][]string
	// sampleEnds holds, by the start of each line sampleHit read, where
	// the first sample marker on it ends (math.MaxInt for none).
	sampleEnds map[int]int
	// futures are the times to come of the text (lastFuture), in text
	// order, once futuresRead.
	futures     []span
	futuresRead bool
	// opened caches sectionOpened's walk back: after[j] is 2 when the
	// sections read back from sentence j open on another model, 1 when
	// not, 0 when not yet read; valid for one topic and mention count.
	opened struct {
		topic, mentions int
		after           []int8
	}
	// endingIn indexes the first endingN models by the last token of
	// their names (modelsEndingIn).
	endingIn map[string][]int
	endingN  int
}

// Analyze fills a's Vendors, Models, Claims and Releases from its title,
// text and tables, replacing what was there. An article that is the card of
// a model repository (a.Repository) reports the repository's model as
// released (see repositoryRelease).
func (an *Analyzer) Analyze(a *event.Article, tables []extractor.Table) {
	defer an.repositoryRelease(a)
	s := an.newState(a, tables)
	defer an.states.Put(s)
	s.scan()
	s.sortMentions()
	s.segment()
	s.findLines()
	s.shortForms()
	s.spacedForms()
	s.garbledVendors()
	s.garbledModels()
	s.sortMentions()
	s.weighAI()
	if !s.aboutAI {
		s.forgetModels()
		s.output()
		return
	}
	s.discover()
	s.aloneForms()
	s.mergeGlosses()
	s.finishMentions()
	s.assignRoles()
	s.choosePrimary()
	s.alongside()
	s.tableModels()
	s.params()
	s.releases()
	s.tableClaims()
	s.pageBenches()
	s.releaseInProse(s.tableModelsInProse())
	s.releaseLatest() // the prose mentions of models tables introduced
	s.proseClaims()
	s.dropCodeOnly()
	s.dropArchitectureOnly()
	s.dropCutNames()
	s.dropInnerNames()
	s.dropLabLists()
	s.dropKindsOnly()
	s.dropSeriesBefore()
	s.dropBareBeside()
	s.dropRebranded()
	s.dropToolProject()
	s.dropPlaceholders()
	s.dropDataDefined()
	s.dropPortReleases()
	s.output()
}

// dropRebranded forgets the models named exactly as an organisation the
// text renames itself to ("rebranded to OpenAudio — introducing a new
// series", whose models are "OpenAudio-S1" …): the name is the maker's.
func (s *state) dropRebranded() {
	for _, rec := range s.models {
		if rec.family < 0 && slices.Contains(s.rebranded, fold(rec.name)) {
			rec.count, rec.conf = 0, 0
		}
	}
}

// dropBareBeside forgets a bare catalogued series ("Jamba", "LongCat",
// "Qwen") the article names beside a model of its own family and gives
// nothing of a model's: no release, comparison, base, plan, denial or
// history, no claim, no place in the title. Beside "Jamba 3 Large" the
// bare name is the family, its team, licence or app ("the Jamba Open
// Model License", "美团 LongCat 团队", "the Qwen instruct model"). A bare
// name the title gives may be the series announced ("Mistral AI stellt mit
// Magistral …"), one with a score a model ("初代Takane", 90.4); a
// sub-brand read alone ("HunyuanVideo", "o1") is a model of its own. So
// goes a digit-less name no catalog knows beside a version of it
// (newestOfSeries: "ViGPT" beside "ViGPT 3").
func (s *state) dropBareBeside() {
	for i, rec := range s.models {
		if rec.count == 0 || rec.conf > 0 || rec.benched || rec.roleAt != [numRoleKinds]int32{} || s.titleNames(i) || s.claimed(rec.name) {
			continue
		}
		switch {
		case rec.family < 0:
			// A series no catalog knows, beside a version of it:
			// "thế hệ mới của mô hình ngôn ngữ ViGPT" beside ViGPT 3.
			if o := s.newestOfSeries(rec); o < 0 || s.models[o].count == 0 {
				continue
			}
		case !rec.bare || rec.key != fold(s.an.cat.Families[rec.family].Name) || !s.memberNamed(i, rec.family):
			continue
		}
		rec.count = 0
	}
}

// memberNamed reports a model of family fam other than model m, not
// bare, that the article names.
func (s *state) memberNamed(m, fam int) bool {
	for j, o := range s.models {
		if j != m && o.family == fam && !o.bare && o.count > 0 {
			return true
		}
	}
	return false
}

// titleNames reports a mention of model m in the title.
func (s *state) titleNames(m int) bool {
	for _, x := range s.mentionsIn(0, s.titleEnd) {
		if x.model == m {
			return true
		}
	}
	return false
}

// claimed reports a claim about the model named name.
func (s *state) claimed(name string) bool {
	for _, c := range s.claims {
		if c.Model == name || c.Target == name {
			return true
		}
	}
	return false
}

// dropSeriesBefore forgets the bare catalogued series the article names
// only right before one of the series' own models, in the same phrase
// ("通义千问下一代旗舰 Qwen4", "the Gemma family's new Gemma 4 1B"): the series
// qualifies the model the phrase names.
func (s *state) dropSeriesBefore() {
	only := make([]int8, len(s.models)) // 0 unnamed, 1 only so, 2 otherwise
	for i, m := range s.mentions {
		rec := s.models[m.model]
		if only[m.model] == 2 {
			continue
		}
		if !rec.bare || rec.family < 0 || !s.memberAfter(i, rec.family) {
			only[m.model] = 2
			continue
		}
		only[m.model] = 1
	}
	for i, m := range s.models {
		if only[i] == 1 {
			m.count, m.conf = 0, 0
		}
	}
}

// listWordIn reports a list joiner (the lexicon's list_joiners) as a word
// of gap: "o3 and o3-pro", "o3とo3-pro" name two models.
func (s *state) listWordIn(gap []byte) bool {
	for _, j := range s.an.cat.ListJoiners {
		if i := bytes.Index(gap, []byte(j)); i >= 0 && leftOK(gap, i) && rightOK(gap, i+len(j), false) {
			return true
		}
	}
	return false
}

// memberAfter reports a model of family fam, not bare, named within
// tune.seriesGap bytes after mention i with no clause break between.
func (s *state) memberAfter(i, fam int) bool {
	m := s.mentions[i]
	for _, o := range s.mentions[i+1:] {
		if o.start >= m.end+tune.seriesGap {
			break
		}
		if o.start < m.end {
			continue
		}
		rec := s.models[o.model]
		gap := s.buf[m.end:o.start]
		if rec.family == fam && !rec.bare && !clauseBreak(gap) && !bytes.ContainsAny(gap, "。，,;；/、（(\n") && !s.listWordIn(gap) {
			return true
		}
	}
	return false
}

// dropKindsOnly forgets the models an article names only as the kind of
// another model ("日本語CLIPモデル kotoba-clip-base-v2", "its Whisper model
// Tern-ASR-2", typeModifier): the article speaks of the other model.
func (s *state) dropKindsOnly() {
	kind := make([]int8, len(s.models)) // 0 unnamed, 1 only as a kind, 2 otherwise
	for _, m := range s.mentions {
		switch {
		case kind[m.model] == 2:
		case s.typeModifier(m):
			kind[m.model] = 1
		default:
			kind[m.model] = 2
		}
	}
	for i, m := range s.models {
		if kind[i] == 1 {
			m.count, m.conf = 0, 0
		}
	}
}

// dropCodeOnly forgets the models an article names only in commands and
// code ("--hf-repo tiiuae/Falcon3-1B-Instruct-1.58bit", "from transformers
// import Qwen2_5OmniModel"): checkpoints a tool accepts and class names,
// not models the article is about. Models of its tables stay, and so do
// sizes and variants of the article's own models ("deepseek-ai/Janus-Pro-7B"
// in a README about Janus-Pro).
func (s *state) dropCodeOnly() {
	if len(s.codeLines) == 0 {
		return
	}
	prose := make([]bool, len(s.models))
	named := make([]bool, len(s.models))
	for _, m := range s.mentions {
		named[m.model] = true
		if !s.inCodeLine(m.start) {
			prose[m.model] = true
		}
	}
	var own [][]string // names of the vendor's models named in prose
	for i, m := range s.models {
		if prose[i] && m.vendor >= 0 && s.sameGroup(m.vendor, s.primary) {
			own = append(own, m.tokens())
		}
	}
	for i, m := range s.models {
		if named[i] && !prose[i] && !s.an.extendsAny(m.tokens(), own) {
			m.count, m.conf = 0, 0
		}
	}
}

// dropArchitectureOnly forgets the models an article names only as the
// architecture something else is built with, the name right before an
// architecture noun ("RoBERTa using the BERT-base architecture", "基于
// Transformer架构"): a design the page reuses, no model it names, nor
// its maker one of the page's vendors. A model the page releases stays,
// and so does an earlier model of a family the page releases a model of
// ("Ling 2.5 … 在 Ling 2.0 架构基础上": the generation the new one follows).
func (s *state) dropArchitectureOnly() {
	other := make([]bool, len(s.models))
	arch := make([]bool, len(s.models))
	for _, m := range s.mentions {
		if s.architectureAfter(m.end) {
			arch[m.model] = true
		} else {
			other[m.model] = true
		}
	}
	released := map[string]bool{} // the families of the released models
	for _, m := range s.models {
		if m.conf > 0 {
			released[familyKey(m.family, m.name)] = true
		}
	}
	for i, m := range s.models {
		if arch[i] && !other[i] && m.conf == 0 && !released[familyKey(m.family, m.name)] {
			m.count = 0
		}
	}
}

// familyKey returns what tells a model's family: the catalog's family
// fam, or for a name of no catalogued family its first word lowercased
// without a version closing it ("ling" of "Ling-2.5-Flash" and of "Ling
// 2.0", "qwen" of "Qwen3-Max" and of "Qwen2.5").
func familyKey(fam int, name string) string {
	if fam >= 0 {
		return "#" + strconv.Itoa(fam)
	}
	if i := strings.IndexAny(name, " -_"); i > 0 {
		name = name[:i]
	}
	if t := strings.TrimRight(name, "0123456789."); t != "" {
		name = t
	}
	return strings.ToLower(name)
}

// architectureAfter reports an architecture noun of the lexicon right
// after byte p, past spaces (" architecture", "架构").
func (s *state) architectureAfter(p int) bool {
	rest := bytes.TrimLeft(s.buf[p:min(len(s.buf), p+32)], " ")
	for _, n := range s.an.cat.ArchitectureNouns {
		if n = strings.TrimLeft(n, " "); n != "" && len(rest) >= len(n) && bytes.EqualFold(rest[:len(n)], []byte(n)) {
			return true
		}
	}
	return false
}

// dropCutNames forgets the models an article names only as the head of a
// longer hyphenated name whose next word the name grammar does not know
// ("Step-Audio" of "Step-Audio-AQAA", "LongCat-Audio" of
// "LongCat-Audio-DiT", "ltxv-13b" of "ltxv-13b-lora128"): the text names
// another model, not that one. A packaging part ("-GGUF", "-Q4_K_M"), a
// word of the lexicon's name_tails ("Llama-3-based", "-distilled") or,
// after a name opening with a capital, a lowercase participle ending the
// word ("GPT-4-annotated dialogues") leaves it whole; a model the page
// releases stays.
func (s *state) dropCutNames() {
	cut := make([]bool, len(s.models))
	whole := make([]bool, len(s.models))
	for _, m := range s.mentions {
		if s.cutAt(m.span, s.models[m.model].family) {
			cut[m.model] = true
		} else {
			whole[m.model] = true
		}
	}
	for i, m := range s.models {
		if cut[i] && !whole[i] && m.conf == 0 {
			m.count = 0
		}
	}
}

// cutAt reports a hyphen right after the name at m and a word after it
// opening with a letter that is no stem of the name's family fam, no
// packaging part nor one of the lexicon's name_tails ("-based",
// "-latest", "-jpn"), nor, after a name opening with a capital, a
// lowercase participle that ends the word ("GPT-4-annotated": a compound
// adjective; "Llama-3-8B-fixed-special-embedding" goes on): the
// hyphenated name goes on past what the grammar read.
func (s *state) cutAt(m span, fam int) bool {
	p := m.end
	if p+1 >= len(s.buf) || s.buf[p] != '-' || !isLetterASCII(s.buf[p+1]) {
		return false
	}
	e := p + 1
	for e < len(s.buf) && (isAlnum(s.buf[e]) || s.buf[e] == '_') {
		e++
	}
	w := string(s.buf[p+1 : e])
	if isUpper(s.buf[m.start]) && participle(w) && (e == len(s.buf) || s.buf[e] != '-') {
		return false
	}
	if s.an.isFormat(w) || s.stemOf(w, fam) {
		return false
	}
	for _, a := range s.an.cat.NameTails {
		if strings.EqualFold(a, w) {
			return false
		}
	}
	return true
}

// participle reports a lowercase word of at least five letters ending in
// "ed" or "ing" ("annotated", "beating"): the tail of a compound
// adjective, not a part of a name.
func participle(w string) bool {
	return len(w) >= 5 && lowerWord(w) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
}

// dropInnerNames forgets the models an article names only inside a
// longer hyphenated name that another word opens ("Llama-2-7b" of
// "chinese-llama-2-7b", "Mistral-7B" of "OpenHermes-2.5-Mistral-7B",
// "Llama3-V-2_5" of "MiniCPM-Llama3-V-2_5"): the whole names a model
// built on that one, not that one. A maker's name before it leaves it the
// maker's model ("Meta-Llama-3-8B"), and a lowercase word before a name
// opening with a capital is a prefix of a word, no name ("post-GPT-4
// era", "non-Llama-3 models"); a model the page releases stays.
func (s *state) dropInnerNames() {
	inner := make([]bool, len(s.models))
	whole := make([]bool, len(s.models))
	for _, m := range s.mentions {
		if s.innerAt(m.span, s.models[m.model].family) {
			inner[m.model] = true
		} else {
			whole[m.model] = true
		}
	}
	for i, m := range s.models {
		if inner[i] && !whole[i] && m.conf == 0 {
			m.count = 0
		}
	}
}

// innerAt reports a hyphen right before the name at m with a word of
// letters or digits before it that is no vendor's name nor a stem of the
// name's family fam, nor a lowercase word before a name opening with a
// capital (a hub id opens lowercase: "chinese-llama-2-7b",
// "mamba-codestral-7B").
func (s *state) innerAt(m span, fam int) bool {
	st := m.start
	if st < 2 || s.buf[st-1] != '-' || !isAlnum(s.buf[st-2]) {
		return false
	}
	j := st - 1
	for j > 0 && isAlnum(s.buf[j-1]) {
		j--
	}
	w := string(s.buf[j : st-1])
	if lowerWord(w) && isUpper(s.buf[m.start]) {
		return false
	}
	_, vendor := s.an.c.vendorOfAlias[fold(w)]
	return !vendor && !s.stemOf(w, fam)
}

// stemOf reports a word that is a stem of family fam, past a version
// written onto it ("Qwen" and "Qwen2" of Qwen): the name repeated, no
// other name around it.
func (s *state) stemOf(w string, fam int) bool {
	f, ok := s.an.c.stemFamily[strings.TrimRight(strings.ToLower(w), "0123456789.")]
	return ok && fam >= 0 && f == fam
}

// dropLabLists forgets the bare family names the article writes only as
// items of a list of labs ("Meanwhile Qwen, Zhipu and ByteDance's Seed team
// …", "딥시크, 큐웬에 이어"): next to a vendor's name, joined to it by a
// comma or a list word, the name stands for the team that makes the
// family, which counts as its maker named.
func (s *state) dropLabLists() {
	var lab []bool
	var at []span
	for _, mt := range s.mentions {
		m := s.models[mt.model]
		if !m.bare || m.family < 0 || m.count == 0 {
			continue
		}
		if lab == nil {
			lab = make([]bool, len(s.models))
			at = make([]span, len(s.models))
			for i := range lab {
				lab[i] = true
			}
		}
		lab[mt.model] = lab[mt.model] && s.besideVendor(mt.span)
		at[mt.model] = mt.span
	}
	n := len(s.vendorHits)
	for i, ok := range lab {
		if !ok || at[i].end == 0 {
			continue // not a bare family name, or named beside no lab
		}
		m := s.models[i]
		m.count, m.conf = 0, 0
		if v := s.an.c.familyVendor[m.family]; v >= 0 && len(s.vendorHits) < maxHits {
			s.vendorHits = append(s.vendorHits, hit{span: at[i], idx: v})
		}
	}
	if len(s.vendorHits) > n {
		sortHits(s.vendorHits)
	}
}

// besideVendor reports a vendor's name right before sp, joined to it by a
// comma, an enumeration mark or a list word (the lexicon's list_joiners),
// or right after it, joined by a mark only: "VinAI công bố PhoGPT và
// Viettel có …" joins two clauses, not two labs.
func (s *state) besideVendor(sp span) bool {
	for _, h := range hitsIn(s.vendorHits, max(0, sp.start-64), sp.start) { // a maker's name is shorter than 64 bytes
		if h.end <= sp.start && s.listGap(s.buf[h.end:sp.start], true) {
			return true
		}
	}
	for _, h := range hitsIn(s.vendorHits, sp.end, min(len(s.buf), sp.end+16)) {
		if s.listGap(s.buf[sp.end:h.start], false) {
			return true
		}
	}
	return false
}

// listGap reports the gap between two items of a list: a comma or an
// enumeration mark, or with words a list word, with the spaces around
// them.
func (s *state) listGap(gap []byte, words bool) bool {
	g := strings.TrimSpace(string(gap))
	switch g {
	case ",", "、", "，", "·":
		return true
	}
	return words && slices.Contains(s.an.cat.ListJoiners, g)
}

// extendsAny reports a name that extends one of names with sizes, versions
// and variant words ("Janus-Pro-7B" of "Janus-Pro"): the size of a model
// the article is about, named only in its code, is still one of its
// models; a class named after it ("Qwen4MoeForConditionalGeneration") is
// not.
func (an *Analyzer) extendsAny(toks []string, names [][]string) bool {
	for _, n := range names {
		if len(toks) > len(n) && equalTokens(toks[:len(n)], n) && an.nameParts(toks[len(n):]) {
			return true
		}
	}
	return false
}

// nameParts reports tokens that a model name goes on with: numbers (not
// a year: "skywork-or1-2025" is a citation key), unit letters of sizes,
// variant words and formats.
func (an *Analyzer) nameParts(toks []string) bool {
	for _, t := range toks {
		if len(t) == 4 && (t[:2] == "19" || t[:2] == "20") && !isDateCode(t) {
			return false
		}
		if _, variant := an.c.variants[t]; !variant && !isDigit(t[0]) && len(t) > 1 && !an.isFormat(t) {
			return false
		}
	}
	return true
}

func (an *Analyzer) newState(a *event.Article, tables []extractor.Table) *state {
	title, text := a.Title, a.Text
	if len(text) > maxText {
		text = text[:maxText]
	}
	if len(title) > 1000 {
		title = title[:1000]
	}
	// Invalid UTF-8 would end up in names and evidence.
	if !utf8.ValidString(title) {
		title = strings.ToValidUTF8(title, "\uFFFD")
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	s, _ := an.states.Get().(*state)
	if s == nil {
		s = &state{an: an, byKey: map[string]int{}}
	}
	s.reset(a, tables)
	buf := s.buf[:0]
	buf = appendHalfwidth(buf, title)
	buf = append(buf, '\n')
	s.titleEnd = len(buf) - 1
	buf = appendHalfwidth(buf, text)
	blankURLs(buf)
	s.buf = buf
	switch a.Language {
	case "vi", "de", "id", "es", "pt", "it", "tr", "nl", "pl", "da", "ru":
		s.thousandsDot, s.decimalComma = true, true
	case "fr":
		s.decimalComma = true
	}
	return s
}

// reset prepares a recycled state for a new article, keeping its buffers.
// What escapes into the article (claims) is never reused.
func (s *state) reset(a *event.Article, tables []extractor.Table) {
	s.a, s.tables = a, tables
	s.buf = s.buf[:0]
	s.sents = s.sents[:0]
	s.tableLines = s.tableLines[:0]
	s.codeLines = s.codeLines[:0]
	s.headLines = s.headLines[:0]
	clear(s.models)
	s.models = s.models[:0]
	clear(s.byKey)
	s.mentions = s.mentions[:0]
	s.vendorHits = s.vendorHits[:0]
	s.benches = s.benches[:0]
	s.licenses = s.licenses[:0]
	for k := range s.cues {
		s.cues[k] = s.cues[k][:0]
	}
	s.cellMode = false
	s.cellsRead = 0
	s.newVendors, s.newVendorAt, s.glosses = nil, nil, nil
	s.stems, s.versioned = nil, nil
	s.primary, s.topic = -1, -1
	s.opened.after = s.opened.after[:0]
	s.claims = nil
	s.tableCells = s.tableCells[:0]
	s.downloads = s.downloads[:0]
	s.topicReleases = s.topicReleases[:0]
	s.thousandsDot, s.decimalComma = false, false
	s.sortedN = 0
	s.aboutAI = false
	s.spaced = s.spaced[:0]
	s.hints = s.hints[:0]
	s.caps = s.caps[:0]
	s.lenient = false
	s.repoFold, s.repoRead = "", false
	s.defined = s.defined[:0]
	s.rebranded = s.rebranded[:0]
	s.followUp, s.followRead = false, false
	s.newlines, s.newlinesRead = s.newlines[:0], false
	s.orgWords, s.orgWordsRead = nil, false
	s.linkRows, s.sampleEnds = nil, nil
	s.futures, s.futuresRead = s.futures[:0], false
	s.endingIn, s.endingN = nil, 0
}

// licenseFollows reports a license word right after a name ending at p,
// past one qualifier (the lexicon's license_words, license_qualifiers:
// "Grok 2 Community License", "Qwen 许可协议"): the name is the license's,
// no model mention.
func (s *state) licenseFollows(p int) bool {
	rest := s.buf[p:]
	if len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	if len(rest) > 1 && rest[0] == '-' && isLetterASCII(rest[1]) {
		// "Falcon-LLM License": a word joined to the name.
		w := wordEnd(rest, 1)
		if w < len(rest) && rest[w] == ' ' {
			rest = rest[w+1:]
		}
	}
	for _, q := range s.an.cat.LicenseQualifiers {
		if bytes.HasPrefix(rest, []byte(q)) {
			rest = rest[len(q):]
			break
		}
	}
	return hasPrefixIn(rest, s.an.cat.LicenseWords)
}

// codeExtensions are the extensions of code and document files: a name
// that goes on into one ("CogVideoX-5B-V2V-Colab.ipynb") is a file's.
var codeExtensions = []string{"ipynb", "py", "md", "sh", "json", "yaml", "yml", "txt", "js", "ts", "toml", "cfg"}

// fileNameGoesOn reports a file name that a name ending at p is the start
// of: letters, digits, "-" and "_" up to a dot and a code or document
// extension.
func (s *state) fileNameGoesOn(p int) bool {
	q := p
	for q < len(s.buf) && q-p <= 40 && (isAlnum(s.buf[q]) || s.buf[q] == '-' || s.buf[q] == '_') {
		q++
	}
	if q >= len(s.buf) || s.buf[q] != '.' {
		return false
	}
	q++
	for _, e := range codeExtensions {
		if bytes.HasPrefix(s.buf[q:], []byte(e)) && (q+len(e) == len(s.buf) || !isAlnum(s.buf[q+len(e)])) {
			return true
		}
	}
	return false
}

// addMention records a model mention built from a stem and its parts,
// resolved as res. The canonical name and its key are built in scratch
// buffers, so a model already seen costs no allocation.
func (s *state) addMention(sp span, fam int, vendor int, stem string, parts []part, res resolution) int {
	var mods modality
	var totalB, activeB float64
	var tmp [48]byte
	for _, p := range parts {
		if v, ok := s.an.c.variants[string(lowerKey(&tmp, p.text))]; ok {
			mods |= v.modalities
		}
		if p.size {
			n, active := sizeValue(p.text)
			if active {
				activeB = n
			} else if totalB == 0 {
				totalB = n
			}
		}
	}
	fam, stem = s.an.c.renamed(fam, stem, parts)
	name := s.an.c.appendCanonical(s.nameBuf[:0], fam, stem, parts)
	s.nameBuf = name
	if totalB == 0 && activeB == 0 && len(parts) == 0 {
		totalB, activeB = stemSizes(stem) // a discovered name read whole: "Orion-13B"
	}
	if len(s.mentions) >= maxMentions || s.licenseFollows(sp.end) || s.fileNameGoesOn(sp.end) {
		return -1
	}
	key := appendFold(s.keyBuf[:0], name)
	pinned := false
	if fam >= 0 {
		if p, ok := s.an.pinnedName(key, fam); ok {
			name = append(name[:0], p...)
			s.nameBuf = name
			key = appendFold(key[:0], name)
			pinned = true
		}
	}
	s.keyBuf = key
	if len(key) == 0 {
		return -1
	}
	i, ok := s.byKey[string(key)]
	if !ok {
		i = len(s.models)
		s.byKey[string(key)] = i
		m := &modelRec{name: string(name), key: string(key), family: fam, vendor: vendor, first: s.firstBase + sp.start, bare: len(parts) == 0,
			totalB: totalB, activeB: activeB, mods: mods, res: res, pinned: pinned}
		if fam >= 0 {
			m.vendor = s.an.c.familyVendor[fam]
			m.mods |= s.an.c.familyMods[fam]
			m.open = s.an.cat.Families[fam].OpenWeights
			if d := s.an.derivativeFamily(fam, parts); d >= 0 {
				m.vendor = s.an.c.familyVendor[d] // "Llama-3.1-Nemotron-Nano-8B" is NVIDIA's
			}
		}
		s.models = append(s.models, m)
	}
	m := s.models[i]
	if res.conf > m.res.conf {
		m.res = res
	}
	m.surfaces = addSurface(m.surfaces, s.buf[sp.start:sp.end])
	switch {
	case !s.cellMode:
		m.count++
	case m.count == 0:
		m.count = 1 // shown only in a table
	}
	s.mentions = append(s.mentions, mention{span: sp, model: i})
	return i
}

// derivativeFamily returns the family whose stem a name of family fam
// goes on with after its version, as a lab names its model built on
// another ("Llama-3.1-Nemotron-70B", "Llama-3-ELYZA-JP-8B"), or -1: the
// lab's own brand, not a base written with its version ("InternVL2-
// Llama3-76B") nor what a model was distilled into ("R1-Distill-Qwen").
func (an *Analyzer) derivativeFamily(fam int, parts []part) int {
	for i, p := range parts {
		if p.kind != partWord || i == 0 && p.sep != ' ' || i > 0 && strings.EqualFold(parts[i-1].text, "Distill") {
			continue
		}
		var tmp [48]byte
		lw := lowerKey(&tmp, p.text)
		if f, ok := an.c.stemFamily[string(lw)]; ok && f != fam && an.c.familyVendor[f] != an.c.familyVendor[fam] {
			if _, caseOnly := an.c.caseStems[string(lw)]; caseOnly && !slices.Contains(an.cat.Families[f].Case, p.text) {
				continue // "HyperCLOVA X SEED" is no ByteDance Seed
			}
			return f
		}
	}
	return -1
}

// appendFold appends the comparison key of name to dst: lowercase letters
// and digits only, and "plus" for a "+" after a letter (plusWords).
func appendFold(dst, name []byte) []byte {
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			if isAlnum(c) {
				dst = append(dst, lowerASCII(c))
			} else if c == '+' && i > 0 && isLetterASCII(name[i-1]) {
				dst = append(dst, "plus"...) // "Command R+" is no "Command R"
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		if isLetterOrDigit(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += n
	}
	return dst
}

// lowerKey returns w with ASCII letters lowercased, in tmp when it fits,
// for map lookups that do not allocate.
func lowerKey(tmp *[48]byte, w string) []byte {
	b := tmp[:0]
	if len(w) > len(tmp) {
		b = make([]byte, 0, len(w))
	}
	for i := 0; i < len(w); i++ {
		b = append(b, lowerASCII(w[i]))
	}
	return b
}

// sizeValue returns the billions a size part gives, and whether it is the
// active count ("A22B").
func sizeValue(w string) (float64, bool) {
	active := false
	if w[0] == 'A' || w[0] == 'a' {
		active = true
		w = w[1:]
	}
	unit := w[len(w)-1]
	num := w[:len(w)-1]
	if strings.Contains(num, "x") {
		return 0, false // "8x7B": experts times size, not the total
	}
	v, ok := parseNumber(num)
	if !ok {
		return 0, false
	}
	switch unit {
	case 'T':
		v *= 1000
	case 'M':
		v /= 1000
	}
	return v, active
}

// finishMentions orders mentions and places them in sentences.
func (s *state) finishMentions() {
	s.sortMentions()
	s.dropNested()
	for i := range s.mentions {
		s.mentions[i].sent = s.sentenceAt(s.mentions[i].start)
	}
}

// dropNested forgets the mentions that lie inside a longer mention of
// another model ("o1" inside "HuatuoGPT-o1"): the longer name is what the
// text writes there. Mentions are sorted by start.
func (s *state) dropNested() {
	out := s.mentions[:0]
	reach, owner := -1, -1 // the furthest end so far, and its model
	for _, m := range s.mentions {
		if m.end <= reach && owner != m.model && !s.cellMode {
			if rec := s.models[m.model]; rec.count > 0 {
				rec.count--
			}
			continue
		}
		if m.end > reach {
			reach, owner = m.end, m.model
		}
		out = append(out, m)
	}
	s.mentions = out
	s.sortedN = min(s.sortedN, len(out))
}

// benchMakers returns the vendors the article names only as the makers of
// a benchmark or leaderboard ("LMSYS Chatbot Arena", "LMSys Vision
// Arena", "LMSYS发布的大模型竞技场（Chatbot Arena）"): every hit is followed
// closely in its sentence by a benchmark or a benchmark-like name, and no
// model of theirs is named. They are no model makers of the article.
func (s *state) benchMakers() map[int]bool {
	return s.namedOnlyAs(func(h hit) bool { return s.benchAfter(h.end) })
}

// benchAfter reports a benchmark named within a few words after p in its
// sentence: a catalogued one, or a capitalised name ending like one
// ("Vision Arena", "FooBench").
func (s *state) benchAfter(p int) bool {
	if len(s.sents) == 0 {
		return false
	}
	end := min(s.sents[s.sentenceAt(p)].end, p+tune.benchMakerReach)
	for _, b := range benchesIn(s.benches, p, end) {
		if b.start >= p && b.start < end && b.idx >= 0 {
			return true // not one the page alone names (pageBenches)
		}
	}
	q := p
	for words := 0; words < 2 && q+1 < end && s.buf[q] == ' ' && isUpper(s.buf[q+1]); words++ {
		e := wordEnd(s.buf, q+1)
		if s.an.datasetLike(string(s.buf[q+1 : e])) {
			return true
		}
		q = e
	}
	return false
}

// labParents returns the groups that own a lab named on the page (the
// catalog's parent: SB Intuitions of SoftBank, NC AI of NCSOFT) when no
// model of the group itself is named: the lab is the maker, the group that
// owns it, hosts or sells its models is no vendor of the page.
func (s *state) labParents(named map[int]bool) []int {
	var out []int
	for v := range named {
		if p := s.an.c.vendorParent[v]; p >= 0 && !s.makesModel(p) {
			out = append(out, p)
		}
	}
	return out
}

// creditLabs gives the models of a group to the lab it owns when the page
// names the lab (the catalog's parent: "NC AI" of NCSOFT names VARCO's
// maker): the lab is the vendor where the text names it, the group where
// the text names only the group.
func (s *state) creditLabs(named map[int]bool) {
	lab := map[int]int{}
	for v := range named {
		if p := s.an.c.vendorParent[v]; p >= 0 {
			if _, two := lab[p]; two {
				lab[p] = -1 // two labs of one group: whose models is unclear
			} else {
				lab[p] = v
			}
		}
	}
	if len(lab) == 0 {
		return // no lab of a group named: the common case
	}
	for i := range s.models {
		if v, ok := lab[s.models[i].vendor]; ok && v >= 0 {
			s.models[i].vendor = v
		}
	}
}

// credits reports whether the page names vendor v through its models,
// when it does not name v itself: it releases a model of v, or it releases
// nothing (a model it only names may be its subject), or it names a model
// of v whose name a reader would credit to v (makerShown). A project's
// page (a repository or package README) is about its own models: there a
// rival's models must be named more than in passing (passingMakerMin
// mentions in all) to make their maker a vendor of the page, while news
// of a launch names the labs it measures the launch against.
func (s *state) credits(v int, releases bool) bool {
	if !releases {
		return true
	}
	least := 1
	if _, _, _, ok := s.project(); ok {
		least = tune.passingMakerMin
	}
	shown := 0
	for _, m := range s.models {
		if m.count == 0 || m.vendor != v {
			continue
		}
		if m.conf > 0 {
			return true
		}
		if s.makerShown(m) {
			shown += m.count
		}
	}
	return shown >= least
}

// releasesModel reports whether the page releases a model it names.
func (s *state) releasesModel() bool {
	for _, m := range s.models {
		if m.count > 0 && m.conf > 0 {
			return true
		}
	}
	return false
}

// makerShown reports whether a mention of model m, without its maker's
// name, still names its maker to a reader. It does not for a lab or team
// inside a larger organisation (the catalog's parent and team: a mention
// of "Sarashina2-70B" names neither SB Intuitions nor SoftBank), nor for a
// model named after another maker's model it was built on ("Llama 3.3
// Swallow 70B", "Llama-3-ELYZA-JP-8B"), whose name credits the base's line.
func (s *state) makerShown(m *modelRec) bool {
	v := s.an.cat.Vendors[m.vendor]
	if v.Parent != "" || v.Team {
		return false
	}
	return !s.namedAfterBase(m)
}

// namedAfterBase reports a model whose name opens with the stem of another
// maker's family ("Llama" of "Llama 3.1 Swallow 8B").
func (s *state) namedAfterBase(m *modelRec) bool {
	i := strings.IndexAny(m.name, " -")
	if i <= 0 {
		return false
	}
	f, ok := s.an.c.stemFamily[strings.ToLower(m.name[:i])]
	return ok && s.an.c.familyVendor[f] >= 0 && s.an.c.familyVendor[f] != m.vendor
}

// makesModel reports a model of vendor v named on the page.
func (s *state) makesModel(v int) bool {
	for _, m := range s.models {
		if m.count > 0 && m.vendor == v {
			return true
		}
	}
	return false
}

// output writes the findings to the article.
func (s *state) output() {
	a := s.a
	cat := s.an.cat
	// Vendors: named explicitly or through their models.
	type vc struct {
		id, name string
		count    int
		first    int
		surfaces []string
		how      resolveHow
		conf     float64
		found    bool // named, not only through models
	}
	counts := map[int]*vc{}
	bump := func(v, n, at int) *vc {
		c := counts[v]
		if c == nil {
			c = &vc{id: cat.Vendors[v].ID, name: cat.Vendors[v].Name, first: at, how: howDiscovered + 1}
			counts[v] = c
		}
		c.count += n
		c.first = min(c.first, at)
		return c
	}
	benchSide, owners, short := s.benchMakers(), s.owners(), s.projectShortNames()
	code := s.namedOnlyAs(func(h hit) bool { return s.inCodeLine(h.start) || s.sampleHit(h) || s.socialHit(h) })
	for _, h := range s.vendorHits {
		if benchSide[h.idx] || owners[h.idx] || short[h.idx] || code[h.idx] {
			continue
		}
		c := bump(h.idx, 1, h.start)
		c.surfaces = addSurface(c.surfaces, s.buf[h.start:h.end])
		conf := float64(h.conf)
		if h.how == howCatalog {
			conf = resolveConf.catalog
		}
		if !c.found || h.how < c.how || h.how == c.how && conf > c.conf {
			c.how, c.conf = h.how, conf
		}
		c.found = true
	}
	var vendors []vc
	newCounts := map[string]*vc{}
	named := map[int]bool{}
	for v := range counts {
		named[v] = true // only named vendors are counted so far
	}
	s.creditLabs(named)
	// A port releases nothing of its own, yet names its models as a
	// release page does: their makers are credited as a release page's.
	releases := s.releasesModel() || s.portPage()
	owner := s.ownerMaker()
	for _, m := range s.models {
		switch {
		case m.count == 0:
		case m.vendor < 0 && m.vendorName == "" && m.family < 0 && !m.rival && owner != "" && len(s.newVendors) == 0 && !s.catalogPrefixed(m):
			// A model of the page's own that no text gives a maker:
			// the repository owner's ("breezedeus/cnstd" and db_resnet34).
			c := newCounts[owner]
			if c == nil {
				c = &vc{id: event.Slug(owner), name: owner, first: m.first, how: howDiscovered, conf: resolveConf.discovered}
				newCounts[owner] = c
			}
			c.count += m.count
		case m.vendor >= 0 && !named[m.vendor] && !s.credits(m.vendor, releases):
		case m.vendor >= 0:
			c := bump(m.vendor, m.count, m.first)
			if !c.found && m.res.conf > c.conf {
				c.conf = m.res.conf
			}
		case m.vendorName != "":
			c := newCounts[m.vendorName]
			if c == nil {
				c = &vc{id: event.Slug(m.vendorName), name: m.vendorName, first: m.first, how: howDiscovered, conf: resolveConf.discovered}
				newCounts[m.vendorName] = c
			}
			c.count += m.count
		}
	}
	if v, owner := s.repoOwnerVendor(); v >= 0 && s.aboutAI && counts[v] == nil && !benchSide[v] && !owners[v] && !short[v] {
		// A repository's page is its owner's: "facebookresearch/audiocraft"
		// names Meta as the maker of the models it offers, named or not.
		c := bump(v, 1, 0)
		c.surfaces = addSurface(c.surfaces, []byte(owner))
		c.how, c.conf, c.found = howCatalog, resolveConf.catalog, true
	}
	for _, name := range s.newVendors {
		c := newCounts[name]
		if c == nil {
			c = &vc{id: event.Slug(name), name: name, first: s.newVendorAt[name], how: howDiscovered, conf: resolveConf.discovered}
			newCounts[name] = c
		}
		c.surfaces = addSurface(c.surfaces, []byte(name))
		c.count++
	}
	for _, p := range s.labParents(named) {
		delete(counts, p)
	}
	for _, c := range counts {
		vendors = append(vendors, *c)
	}
	for _, c := range newCounts {
		vendors = append(vendors, *c)
	}
	sort.Slice(vendors, func(i, j int) bool {
		if vendors[i].count != vendors[j].count {
			return vendors[i].count > vendors[j].count
		}
		if vendors[i].first != vendors[j].first {
			return vendors[i].first < vendors[j].first
		}
		return vendors[i].id < vendors[j].id
	})
	a.Vendors = make([]event.Vendor, 0, len(vendors))
	for _, v := range vendors {
		how := v.how
		if !v.found && how != howDiscovered {
			how = howDiscovered + 1 // named through its models only
		}
		a.Vendors = append(a.Vendors, event.Vendor{ID: v.id, Name: v.name, Mentions: v.surfaces, Count: v.count,
			Resolution: &event.Resolution{Confidence: round(v.conf), Reason: vendorReason(how), Provisional: how == howDiscovered}})
	}

	license := s.license()
	order := make([]int, 0, len(s.models))
	for i, m := range s.models {
		if m.count > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		mi, mj := s.models[order[i]], s.models[order[j]]
		if mi.count != mj.count {
			return mi.count > mj.count
		}
		return mi.first < mj.first
	})
	a.Models = make([]event.Model, 0, len(order))
	a.Releases = nil
	// firstAt is where the text first names each model, -1 for a model
	// named only in a table.
	firstAt := make([]int, len(s.models))
	for i := range firstAt {
		firstAt[i] = -1
	}
	for _, m := range s.mentions {
		if firstAt[m.model] < 0 {
			firstAt[m.model] = m.start
		}
	}
	ids := make([]string, len(s.models))
	for _, i := range order {
		m := s.models[i]
		vendor := s.vendorID(m)
		ids[i] = modelID(vendor, m.name)
		out := event.Model{
			ID: ids[i], Name: m.name, Vendor: vendor, Mentions: m.surfaces, Count: m.count,
			ParamsTotalB: round(m.totalB), ParamsActiveB: round(m.activeB),
			Modalities: m.mods.names(), OpenWeights: m.open,
			Resolution: &event.Resolution{Confidence: round(m.res.conf), Reason: s.an.modelReason(s, m), Provisional: m.family < 0},
		}
		if p := s.an.parentName(m.name, m.family); p != "" {
			out.Parent = modelID(vendor, p)
		}
		if m.family >= 0 {
			out.Family = cat.Families[m.family].Name
		}
		if m.conf > 0 {
			out.License = license
		}
		out.Role, out.Evidence = s.roleOf(m, firstAt[i])
		a.Models = append(a.Models, out)
	}
	var rel []int
	for i, m := range s.models {
		if m.conf > 0 {
			rel = append(rel, i)
		}
	}
	sort.SliceStable(rel, func(i, j int) bool {
		mi, mj := s.models[rel[i]], s.models[rel[j]]
		if mi.conf != mj.conf {
			return mi.conf > mj.conf
		}
		return mi.first < mj.first
	})
	for _, i := range rel {
		m := s.models[i]
		id := ids[i]
		if id == "" {
			id = modelID(s.vendorID(m), m.name)
		}
		role := event.RoleAnnounced
		if m.along {
			role = event.RoleAlongside
		}
		a.Releases = append(a.Releases, event.Release{
			Model: m.name, ModelID: id, Vendor: s.vendorID(m), Confidence: m.conf,
			Evidence: m.evidence, PublishedAt: a.PublishedAt, Role: role,
		})
	}
	a.Claims = s.claims
}

// roleOf returns a model's role in the article and its evidence: released
// (announced or alongside) with the release's evidence, else the first of
// denied, planned, compared, built on and historical the text gives it,
// with the sentence that does, else mentioned, with the sentence that
// first names it.
func (s *state) roleOf(m *modelRec, first int) (string, string) {
	if m.conf > 0 {
		if m.along {
			return event.RoleAlongside, m.evidence
		}
		return event.RoleAnnounced, m.evidence
	}
	for k, at := range m.roleAt {
		if at > 0 {
			return roleNames[k], s.sentence(s.sentenceAt(int(at) - 1))
		}
		if roleKind(k) == kindCompared && m.benched {
			return event.RoleCompared, "benchmark table"
		}
	}
	if first < 0 {
		return event.RoleMentioned, "table"
	}
	return event.RoleMentioned, s.sentence(s.sentenceAt(first))
}

func (s *state) vendorID(m *modelRec) string {
	switch {
	case m.vendor >= 0:
		return s.an.cat.Vendors[m.vendor].ID
	case m.vendorName != "":
		return event.Slug(m.vendorName)
	}
	return ""
}

// license returns the licence the article names most, "" when none.
func (s *state) license() string {
	if len(s.licenses) == 0 {
		return ""
	}
	n := map[int]int{}
	best, bestN := -1, 0
	for _, h := range s.licenses {
		n[h.idx]++
		if n[h.idx] > bestN {
			best, bestN = h.idx, n[h.idx]
		}
	}
	return s.an.cat.Licenses[best].Name
}

func round(v float64) float64 {
	return float64(int64(v*100+0.5)) / 100
}

// appendHalfwidth appends s to buf with fullwidth letters, digits, hyphens,
// dots and spaces ("Ｌｌａｍａ　４", "ＧＰＴ－５", seen in Japanese and
// Chinese text) folded to ASCII, and the Unicode hyphens pages write
// inside names ("InternVL2‑Llama3-76B" with a non-breaking hyphen) to '-';
// fullwidth punctuation stays, as it ends sentences there.
func appendHalfwidth(buf []byte, s string) []byte {
	if !needsFolding(s) {
		return append(buf, s...)
	}
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '－', r == '．':
			r -= 0xFEE0
		case r == '　':
			r = ' '
		case r == '\u2010' || r == '\u2011':
			r = '-'
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// needsFolding reports a fullwidth form (EF BC xx, EF BD xx) or a Unicode
// hyphen (E2 80 90, E2 80 91) in s: most texts have neither, though
// curly quotes and dashes share the hyphens' first bytes.
func needsFolding(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		switch s[i] {
		case 0xEF:
			if s[i+1] == 0xBC || s[i+1] == 0xBD {
				return true
			}
		case 0xE2:
			if s[i+1] == 0x80 && (s[i+2] == 0x90 || s[i+2] == 0x91) {
				return true
			}
		}
	}
	return false
}

// stemSizes reads the sizes written inside a name used as a stem.
func stemSizes(stem string) (total, active float64) {
	for _, seg := range strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || r == ' ' || r == '_' }) {
		if !isSizeWord(seg) {
			continue
		}
		if v, a := sizeValue(seg); a {
			active = v
		} else if total == 0 {
			total = v
		}
	}
	return total, active
}
