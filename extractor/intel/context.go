package intel

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor/catalog"
)

// minAIWeight is the weight of AI evidence an article needs before it is
// read as being about AI models: three AI words, one AI word in the title
// and one in the text, or one versioned model of a distinct family.
const minAIWeight = 3

// weighAI decides whether the article is about AI models at all. Ordinary
// news names Apple, Meta or Google, says "veröffentlicht" and "lançou", and
// writes product names ("AirPods Pro", "FuelCell", "NDR-Reporter") that
// look like model names; none of it is release intelligence unless the text
// speaks of AI. The evidence: AI words (cue kind ai; twice in the title),
// benchmarks, organisations that only make AI, and catalogued models — a
// versioned name of a distinct family ("Qwen2.5", "GPT-4o") is enough
// alone, a bare or ordinary-word name ("Kimi", "Ray34") counts little, a
// bare acronym ("BGE", "SAM") nothing.
func (s *state) weighAI() {
	c := s.an.c
	w := 0
	if s.sizedTitle() {
		w += 3 // "Nimbus Labs releases Zephyr-9B": a model's size in the title
	}
	for _, h := range s.cues[cueAI] {
		w++
		if h.start < s.titleEnd {
			w++
		}
		if w >= minAIWeight {
			s.aboutAI = true
			return
		}
	}
	// Each AI lab and each benchmark counts once: an article that names
	// OpenAI ten times or the Gaokao exam five is not yet about models.
	var seen [minAIWeight]int
	n := 0
	for _, h := range s.vendorHits {
		if !c.broad[h.idx] && !slices.Contains(seen[:n], h.idx) {
			seen[n] = h.idx
			n++
			if w++; w >= minAIWeight {
				break
			}
		}
	}
	n = 0
	for _, b := range s.benches {
		if w >= minAIWeight {
			break
		}
		if !slices.Contains(seen[:n], b.idx) {
			seen[n] = b.idx
			n++
			w++
		}
	}
	if w < minAIWeight && s.paramCount() {
		w += 2 // "a 355-billion-parameter model", "2350亿参数", "1조 파라미터"
	}
	if w < minAIWeight {
		w += s.describedModel()
	}
	for _, m := range s.models {
		if w >= minAIWeight {
			break
		}
		if m.family < 0 {
			continue
		}
		switch {
		case !m.bare && c.familyDistinct[m.family]:
			w += 3
		case !m.bare:
			w++ // "Ray34", "Phi-4"
		case len(s.an.cat.Families[m.family].Stems) > 0:
			w += min(m.count, 2) // "ChatGPT", "Kimi"
		}
	}
	if w < minAIWeight && s.projectCalledModel() {
		w++ // "Mô hình VietOCR" on the VietOCR repository's page
	}
	if w < minAIWeight && s.abbreviatedOwnModel() {
		w = minAIWeight // "the Segment Anything Model (SAM)" at …/segment-anything
	}
	if w < minAIWeight && s.folderAcronym() != "" {
		w = minAIWeight // "The Quill Sentence Coder (QSC) is a model" in …/quill-sentence-coder/README.md
	}
	if w < minAIWeight && s.ownModelRow() {
		w = minAIWeight // "Model | p50" over "Quillocr 0.1.0 | 1.54" at …/quillocr
	}
	if w < minAIWeight && s.offersModels() {
		w = minAIWeight // "This package provides models for running pose detection" at …/pose-detection
	}
	s.aboutAI = w >= minAIWeight
}

// projectCalledModel reports a project's page that calls the project a
// model: its name, as the title spells it with a capital past its first
// letter or a digit (nameLike), right before or after a model noun
// ("the ColPali model", "Mô hình VietOCR"). It weighs as one AI cue.
func (s *state) projectCalledModel() bool {
	_, name, _, ok := s.project()
	if !ok {
		return false
	}
	w := s.titleSpelling(name)
	return w != "" && nameLike(w) && !s.knownWord(w) && s.calledModel(w)
}

// offersModels reports a project's page with a sentence in which the page
// offers models: opened by a word of the lexicon's self_offers, with a
// model noun after it across at most tune.definitionWords lowercase
// Latin words or numbers and no clause mark or definition break ("This
// package provides multiple state-of-the-art models for …", "Currently,
// we provide 3 model options:"). A package of models is about models
// whatever AI words it uses, so long as it names a task of the
// lexicon's model_tasks ("pose detection", "keypoints"); "This package
// provides Django models" (a capitalised word between), "pydantic models
// for the GitHub REST API" (no task) and "3D models of historic towers"
// (a word led by a digit between) offer other kinds of models.
func (s *state) offersModels() bool {
	if _, _, _, ok := s.project(); !ok || len(s.an.cat.SelfOffers) == 0 || !hasAnyFold(s.buf, s.an.cat.ModelTasks) {
		return false
	}
	for _, sent := range s.sents {
		at, noun, ok := s.offeredNoun(sent)
		if !ok {
			continue
		}
		gap := s.buf[at:noun.start]
		words := bytes.Fields(gap)
		if len(words) > tune.definitionWords || bytes.ContainsAny(gap, ";:!?。；,()") || hasAnyFold(gap, s.an.cat.DefinitionBreaks) {
			continue
		}
		if !slices.ContainsFunc(words, func(w []byte) bool {
			return isUpper(w[0]) || w[0] >= utf8.RuneSelf || isDigit(w[0]) && bytes.ContainsFunc(w, unicode.IsLetter)
		}) {
			return true
		}
	}
	return false
}

// ownModelRow reports a project's page with a table whose first header
// cell is a model noun of the lexicon's model_nouns, in any language
// ("Model", "模型"), and a row opening with the project's name as the
// title spells it, in a name's shape, and a version ("QuillOCR 0.1.0" at
// …/quillocr titled "QuillOCR"): the page measures its own model against
// others, so it is about models whatever words it uses.
func (s *state) ownModelRow() bool {
	_, repo, _, ok := s.project()
	if !ok {
		return false
	}
	w := s.titleSpelling(repo)
	if w == "" || !nameLike(w) {
		return false
	}
	nouns := s.an.cat.Cues[catalog.CueModelNouns]
	for _, t := range s.tables {
		if len(t.Rows) < 2 || len(t.Rows[0]) == 0 || !s.modelNounCell(t.Rows[0][0].Text, nouns) {
			continue
		}
		for _, row := range t.Rows[1:] {
			if len(row) == 0 {
				continue
			}
			if rest, ok := strings.CutPrefix(strings.TrimSpace(row[0].Text), w+" "); ok && rest != "" && isDigit(rest[0]) {
				return true
			}
		}
	}
	return false
}

// modelNounCell reports a cell that is one model noun of nouns (model_nouns
// by language), in any case.
func (s *state) modelNounCell(text string, nouns map[string][]string) bool {
	text = strings.TrimSpace(text)
	for _, ns := range nouns {
		for _, n := range ns {
			if strings.EqualFold(text, strings.TrimSpace(n)) {
				return true
			}
		}
	}
	return false
}

// paramCount reports a parameter count: a number close before a word for
// parameters ("235 billion parameters", "2350亿参数", "1조 파라미터",
// "355 tỷ tham số").
func (s *state) paramCount() bool {
	for _, h := range s.cues[cueParams] {
		for i := max(0, h.start-18); i < h.start; i++ {
			if isDigit(s.buf[i]) {
				return true
			}
		}
	}
	return false
}

// describedModel weighs a versioned catalogued model that its sentence
// describes as a model: a model noun (1) and open weights (1) beside it
// ("an open-source image editing model", "图像编辑模型 Step1X-Edit").
func (s *state) describedModel() int {
	noun, open := 0, 0
	for _, m := range s.mentions {
		rec := s.models[m.model]
		if rec.family < 0 || rec.bare {
			continue
		}
		sent := s.sents[s.sentenceAt(m.start)]
		if noun == 0 && len(hitsIn(s.cues[cueModelNouns], sent.start, sent.end)) > 0 {
			noun = 1
		}
		if open == 0 && len(hitsIn(s.cues[cueOpen], sent.start, sent.end)) > 0 {
			open = 1
		}
		if noun+open == 2 {
			break
		}
	}
	return noun + open
}

// forgetModels drops what an article that is not about AI seems to name:
// every model mention and the names of broad vendors. Organisations that
// only make AI models stay, since naming them is naming a model maker.
func (s *state) forgetModels() {
	clear(s.models)
	s.models = s.models[:0]
	clear(s.byKey)
	s.mentions = s.mentions[:0]
	s.sortedN = 0
	kept := s.vendorHits[:0]
	for _, h := range s.vendorHits {
		if !s.an.c.broad[h.idx] {
			kept = append(kept, h)
		}
	}
	s.vendorHits = kept
}

// aiNear reports talk of models around sentence k: in it, the sentences
// next to it or the rest of its paragraph (its line), a model noun ("model", "LLM", "模型", "モデル"), a parameter
// or open-weights word, a benchmark or a versioned catalogued model. Names
// no catalog knows are read only there: "AI" alone is said of phones and
// cars too ("the Magic7 Pro with an AI agent").
func (s *state) aiNear(k int) bool {
	lo := s.sents[max(k-1, 0)].start
	hi := s.sents[min(k+1, len(s.sents)-1)].end
	if k > 0 {
		// the whole paragraph: "Tre Labs put out Tre-2 14B on
		// Thursday. I hadn't heard of them before. The 14B reports
		// 72.5 on VMLU, … every open Vietnamese model I track"
		sent := s.sents[k]
		lo = min(lo, max(s.titleEnd, bytes.LastIndexByte(s.buf[:sent.start], '\n')+1))
		if e := bytes.IndexByte(s.buf[sent.end:], '\n'); e >= 0 {
			hi = max(hi, sent.end+e)
		} else {
			hi = len(s.buf)
		}
	}
	for _, kind := range []cueKind{cueModelNouns, cueParams, cueOpen} {
		if len(hitsIn(s.cues[kind], lo, hi)) > 0 {
			return true
		}
	}
	if len(benchesIn(s.benches, lo, hi)) > 0 {
		return true
	}
	for _, m := range s.mentionsIn(lo, hi) {
		if rec := s.models[m.model]; rec.family >= 0 && !rec.bare {
			return true
		}
	}
	return false
}

// sizedTitle reports a parameter count in billions or trillions joined to
// a name in the title ("Orion-14B"); "Apartment 4B" is no model size.
func (s *state) sizedTitle() bool {
	title := s.buf[:s.titleEnd]
	for i := 0; i < len(title); {
		if !isAlnum(title[i]) {
			i++
			continue
		}
		j := i
		for j < len(title) && (isAlnum(title[j]) || title[j] == '.') {
			j++
		}
		w := string(bytes.TrimRight(title[i:j], "."))
		if last := w[len(w)-1]; (last == 'B' || last == 'T') && isSizeWord(w) && isDigit(w[0]) && i > 1 && title[i-1] == '-' && isAlnum(title[i-2]) {
			return true
		}
		i = j
	}
	return false
}

// abbreviatedOwnModel reports a project's page (a repository's or a
// package's) that spells out its own model's name with the name's
// initials after it (abbreviatedRepoModel): a page about a model,
// whatever other AI words it has.
func (s *state) abbreviatedOwnModel() bool {
	if _, repo, _, ok := s.project(); ok {
		_, ok := s.abbreviatedRepoModel(repo)
		return ok
	}
	return false
}
