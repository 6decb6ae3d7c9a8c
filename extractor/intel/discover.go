package intel

import (
	"bytes"
	"iter"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// discover finds models and vendors that no catalog knows, introduced by a
// release sentence with a product-like name ("VinAI open-sources PhoGPT-4B",
// "Acme AI released Zephyr-7B"), then reads every mention of their stems.
func (s *state) discover() {
	var stems stemList
	var natives []nativeName
	orgSentence := -1
	for _, c := range s.cues[cueRelease] {
		if s.blocked(c) && !s.pastRelease(c) {
			continue // what is only planned or denied introduces nothing
		}
		k := s.sentenceAt(c.start)
		named := len(stems.names)
		// "veröffentlicht", "launched" and "公開" are said of anything:
		// only where models are spoken of, or of a name with a
		// parameter size, do they introduce a model.
		near := s.aiNear(k)
		sent := s.sents[k]
		found, nativeFound := stems.accepted, len(natives)
		lo, hi := max(sent.start, c.start-tune.introduceBefore), min(sent.end, c.end+tune.introduceAfter)
		if c.after {
			lo, hi = max(sent.start, c.start-tune.introduceAfter), min(sent.end, c.end+tune.passiveGap+8)
		}
		if near {
			s.quotedNames(lo, hi, &stems)
			s.hubIDs(lo, hi, &stems)
			if !c.after {
				s.objectName(c.end, sent.end, &stems)
			}
		}
		if near {
			s.makerTypeNames(lo, hi, &stems)
		}
		natives = s.nativeNames(lo, hi, near, natives)
		subject := span{-1, -1}
		for sp := range s.products(lo, hi) {
			if sp.start > 0 && s.buf[sp.start-1] == '-' && nativeRunBefore(s.buf, sp.start-1) >= 0 {
				continue // the code of a native name: "VL-3B" of "하늘-VL-3B"
			}
			if sp.start <= c.start && c.start < sp.end {
				continue // the release verb itself: "Released v2/v3 checkpoints remain supported"
			}
			if s.releaseSubject(sp, c) && s.productLike(sp) && s.objectIntroduced(c, hi, near) {
				subject = sp // "VinBigData công bố ViGPT 3": the maker
				continue
			}
			if s.introduced(sp, near) && !s.garbleIntroduced(sp) {
				if s.pastMakerPrefix(sp) != sp {
					stems.add(string(s.buf[sp.start:sp.end])) // its stem is the maker: "Viettel" of "Viettel-LLM"
				} else {
					stems.addWithStem(string(s.buf[sp.start:sp.end]))
				}
			}
		}
		if k == orgSentence || stems.accepted == found && len(natives) == nativeFound {
			// One organisation look-up per sentence, and only where a
			// new model is introduced: the maker of a known model is
			// known, and an organisation launching no model is no
			// model maker ("Acme Group launched a fund").
			continue
		}
		orgSentence = k
		if name := s.orgBefore(c.start, max(sent.start, runesBack(s.buf, c.start, 120))); name != "" {
			s.addVendor(name, c.start)
		} else if w, at := s.subjectInName(c, sent.start, stems.names[named:]); w != "" {
			s.addVendor(w, at)
		} else if subject.start >= 0 {
			s.addVendor(string(s.buf[subject.start:subject.end]), subject.start)
		}
	}
	for _, n := range natives {
		if !glossed(n, stems.names) {
			stems.add(n.stem)
		}
	}
	s.rebrandedMakers()
	if len(stems.names) > 0 && len(s.newVendors) == 0 {
		s.makerNamedFrom(stems.names)
	}
	if len(s.newVendors) == 0 {
		s.projectMakerNamed()
	}
	if len(s.newVendors) == 0 {
		s.projectOrgNamed()
	}
	if len(s.newVendors) == 0 && !s.anyVendorHit() && !s.catalogModelNamed() {
		s.quotedHubOrgNamed()
	}
	introduced := len(stems.names)
	rivals := s.discoverRivals(&stems)
	ownRivals(rivals, stems.names[:introduced])
	s.versionSiblings(&stems)
	if _, repo, fromTitle, ok := s.repo(); ok {
		if name, ok := s.unknownRepo(repo, fromTitle); ok {
			stems.addWithStem(name)
		}
	}
	if _, repo, _, ok := s.project(); ok {
		if name, ok := s.abbreviatedRepoModel(repo); ok {
			stems.add(name)
		}
	}
	if _, repo, _, ok := s.repo(); ok {
		if name, ok := s.repoFamily(repo); ok {
			stems.add(name)
		}
	}
	if name, ok := s.folderModel(); ok {
		stems.add(name) // whole: "data" of "data2vec" is no stem
	}
	if name := s.folderAcronym(); name != "" {
		stems.add(name)
		for _, v := range s.acronymVariants(name) {
			stems.add(v)
			s.defined = append(s.defined, fold(v))
		}
	}
	if _, repo, _, ok := s.project(); ok {
		for _, name := range s.listDefinitions() {
			stems.addWithStem(name)
			s.defined = append(s.defined, fold(name))
		}
		if w := s.titleSegment(repo); w != "" && !s.knownWord(w) && !s.covered(span{0, s.titleEnd}) && s.definedModel(w, true) {
			// "Quillsong" at pypi.org/project/acme-quillsong, and
			// "Quillsong is a family of speech-to-text models": a title
			// that is one part of the project's hyphenated name, which
			// the text defines as a model where it first opens a
			// sentence.
			stems.add(w)
			s.defined = append(s.defined, fold(w))
		}
		for _, name := range s.offeredOptions() {
			stems.add(name) // whole: "Acme" of "Acme Flowmesh" is the maker's
			s.defined = append(s.defined, fold(name))
		}
	}
	if len(s.newVendors) == 0 && !s.anyVendorHit() {
		if owner, ids := s.ownModelHubOwner(stems.names); owner != "" {
			if !s.an.formatNamed(owner) {
				s.addVendor(s.ownerSpelling(owner), 0)
			}
			for _, name := range ids {
				if i := strings.LastIndexAny(name, "-_"); i < 0 || !s.an.c.notModelParts[strings.ToLower(name[i+1:])] {
					// "Toto-Open-Base-1.0", which the name grammar would
					// end at "Toto"; not a "…-Demo" page.
					stems.add(s.an.withoutFormats(name))
				}
			}
		}
	}
	if _, repo, _, ok := s.project(); ok && !namedAfterAny(repo, stems.names) {
		for _, name := range s.repoCheckpoints() {
			stems.add(name) // released by releaseRepoModel where the page releases nothing else
		}
	}
	if owner, repo, _, ok := s.repo(); ok && !s.hostOwner(owner) {
		// The owner of a repository makes the new models, where no other
		// maker is named or the models are named after the repository
		// ("tidepool-labs/marlin" and Marlin-OCR-3B beside the Qwen base
		// it is tuned from); on a page about models that introduces none,
		// it is the maker of the models the page offers ("hexgrad/kokoro").
		if v, _ := s.repoOwnerVendor(); v < 0 && len(s.newVendors) == 0 && !s.copiedRepo(owner, repo) && !s.an.runtimeNamed(repo) &&
			(len(stems.names) == 0 && !s.catalogModelNamed() ||
				len(stems.names) > 0 && (!s.anyVendorHit() || namedAfterAny(repo, stems.names) && (namedExactly(repo, stems.names) && (handleWritten(s.a.Text, owner) || !s.catalogHolds(repo)) || !s.catalogNamedAfter(repo)) && !s.toolingRepo(repo, stems.names)) ||
				s.ownerModelID(owner)) {
			s.addVendor(s.makerHandle(owner, repo), 0)
		}
	}
	// Longer names first, so "JoyAI-LLM-Flash" is read before "JoyAI".
	names := stems.names
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, st := range names {
		n := len(s.models)
		s.readStem(st, stems.versioned[st], names)
		s.sortMentions()
		if rivals[st] {
			for _, m := range s.models[n:] {
				m.rival = true
			}
		}
	}
	s.stems, s.versioned = names, stems.versioned
}

// nativeName is a name written in a native script before its Latin code:
// stem "하늘-VL" and code "VL-3B" of "하늘-VL-3B".
type nativeName struct {
	stem, code string
}

// nativeNames appends to list the names in [lo, hi) beside a release verb
// that are written in Hangul, Katakana or Han before a Latin code with a
// version or size after a hyphen ("하늘-VL-3B", "ミナト-Coder-14B",
// "「天枢-7B」"), in talk of models or sized. A bare number ("星河-3")
// may be a product's or a series' version: the code must have a letter. The stem is the native word
// with the code's first part when that part is a word ("하늘-VL"), so the
// name grammar reads the rest ("-3B") and the stem alone ("하늘AI",
// "하늘색") is no mention.
func (s *state) nativeNames(lo, hi int, near bool, list []nativeName) []nativeName {
	for i := lo; i < hi && i+1 < len(s.buf); i++ {
		if s.buf[i] != '-' || !isAlnum(s.buf[i+1]) {
			continue
		}
		st := nativeRunBefore(s.buf, i)
		if st < 0 {
			continue
		}
		e := latinWordEnd(s.buf, i+1, len(s.buf))
		code := span{i + 1, e}
		tail := string(s.buf[code.start:code.end])
		if !hasDigit(tail) || !hasLetter(tail) || len(tail) > 32 || s.covered(code) || s.hitOverlaps(code) || !near && !s.sized(code) || s.an.datasetLike(tail) {
			continue
		}
		stem := i
		if j := strings.IndexByte(tail, '-'); j > 0 && !hasDigit(tail[:j]) {
			stem = i + 1 + j // "하늘-VL" of "하늘-VL-3B"
		}
		if _, ok := s.an.c.benchByFold[fold(string(s.buf[i+1:max(i+1, stem)]))]; ok {
			continue
		}
		n := nativeName{stem: string(s.buf[st:stem]), code: tail}
		if !slices.Contains(list, n) && len(list) < maxStems {
			list = append(list, n)
		}
		i = e
	}
	return list
}

// glossed reports a native name whose code a Latin name introduced in
// the article ends with after its leading letters: "마루-7B" is the
// "MARU-7B" of the same article, written in Hangul.
func glossed(n nativeName, names []string) bool {
	code := fold(n.code)
	for _, w := range names {
		if w[0] < utf8.RuneSelf && fold(w[len(stemOf(w)):]) == code {
			return true
		}
	}
	return false
}

// nativeRunBefore returns where the run of two to eight Hangul, Katakana
// or Han letters that ends at i begins, or -1: a name's native word before
// its hyphen ("하늘" of "하늘-VL-3B"). The run is a word of its own: a
// Hangul or Katakana letter does not stand before it, nor any letter
// before a Han run, which Chinese writes without spaces.
func nativeRunBefore(buf []byte, i int) int {
	if i <= 0 || i > len(buf) {
		return -1
	}
	r, _ := utf8.DecodeLastRune(buf[:i])
	script := scriptOf(r)
	if script == nil {
		return -1
	}
	j, n := runBefore(buf, i, 9, nativeLetter(script))
	if n < 2 || n > 8 || script == unicode.Han && n > 4 {
		return -1
	}
	if j > 0 {
		r, _ := utf8.DecodeLastRune(buf[:j])
		if unicode.IsLetter(r) && (script == unicode.Han || unicode.Is(script, r)) {
			return -1
		}
	}
	return j
}

// nativeLetter returns the test of a letter of a native run in script:
// the script's letters, and in Katakana the prolonged sound mark "ー",
// which is of no script.
func nativeLetter(script *unicode.RangeTable) func(rune) bool {
	return func(r rune) bool {
		return unicode.Is(script, r) || script == unicode.Katakana && r == 'ー'
	}
}

// runAfter returns where the run of letters that in accepts starting at
// i ends, stopping at a middle dot ("・"): runBefore's other direction.
func runAfter(buf []byte, i int, in func(rune) bool) int {
	for i < len(buf) {
		r, size := utf8.DecodeRune(buf[i:])
		if !in(r) || r == '・' {
			break
		}
		i += size
	}
	return i
}

// runBefore walks back from i over at most most letters that in accepts,
// stopping at a middle dot ("・", which joins two words): it returns
// where the run begins and how many letters it has.
func runBefore(buf []byte, i, most int, in func(rune) bool) (start, n int) {
	j := i
	for j > 0 && n < most {
		r, size := utf8.DecodeLastRune(buf[:j])
		if !in(r) || r == '・' {
			break
		}
		j -= size
		n++
	}
	return j, n
}

// nativeLen returns the length of the leading non-ASCII bytes of w: the
// native word of "하늘-VL".
func nativeLen(w []byte) int {
	for i, c := range w {
		if c < utf8.RuneSelf {
			return i
		}
	}
	return len(w)
}

// discoverRivals finds the models no catalog knows that comparisons name
// ("outperforms LLaVA-OneVision-0.5B", "recent works like Cambrian-1-8B",
// "Cambrian-1-8B보다"): a product-like name right after the cue (before
// it, for a cue that follows its model), shaped surely like a model's (a
// size, a name morpheme) in talk of models. It returns the names found:
// rivals, whose maker is not the article's.
func (s *state) discoverRivals(stems *stemList) map[string]bool {
	var found map[string]bool
	for _, kinds := range [][]cueKind{comparisonCues, {cueBase}} {
		for _, k := range kinds {
			for _, c := range s.cues[k] {
				sent := s.sents[s.sentenceAt(c.start)]
				lo, hi := c.end, min(sent.end, c.end+tune.rivalReach)
				if c.after {
					lo, hi = max(sent.start, c.start-tune.rivalReach), c.start
				}
				first := -1
				for sp := range s.products(lo, hi) {
					if s.rivalShaped(sp) {
						found = addFound(found, stems, string(s.buf[sp.start:sp.end]))
						if first < 0 {
							first = sp.start
						}
					}
				}
				if c.after && first >= 0 {
					// "A(71.5점)와 B(72.9점)보다": the list before a cue
					// that follows its rivals names each of them.
					for _, sp := range s.listedBefore(sent.start, first) {
						found = addFound(found, stems, string(s.buf[sp.start:sp.end]))
					}
				}
			}
		}
	}
	return found
}

// rivalShaped reports a product-like name shaped surely like a model's
// (a size, a name morpheme) in talk of models, not a data set's.
func (s *state) rivalShaped(sp span) bool {
	w := string(s.buf[sp.start:sp.end])
	return s.productLike(sp) && (hasDigit(w) || s.hasMorpheme(w)) && s.modelShaped(sp) && !s.dataBeside(sp) && s.aiNear(s.sentenceAt(sp.start))
}

// addFound records a discovered rival's name.
func addFound(found map[string]bool, stems *stemList, w string) map[string]bool {
	stems.add(w)
	if found == nil {
		found = map[string]bool{}
	}
	found[w] = true
	return found
}

// listedBefore returns the rival-shaped names listed before the name at
// end, nearest first, each joined to the next by a list's joiner, past
// the score in brackets beside it ("A(71.5점)와 B", "A, B"), from lo on.
func (s *state) listedBefore(lo, end int) []span {
	var out []span
	for len(out) < tune.maxListedRivals {
		var prev span
		ok := false
		for sp := range s.products(max(lo, end-tune.listReach), end) {
			if sp.end <= end && s.joined(s.buf[sp.end:end]) {
				prev, ok = sp, true
				break // the first whose gap to the next name is a joiner
			}
		}
		if !ok || !s.rivalShaped(prev) {
			break
		}
		out = append(out, prev)
		end = prev.start
	}
	return out
}

// versionSiblings adds the names the text writes as a discovered name
// with another version number glued on ("PP-OCRv6" where "PP-OCRv5" was
// found in a comparison): a series of numbered releases, each a model.
// Only a hyphenated name ending in letters and a bare number counts, so
// its stem is specific ("PP-OCRv"), not a word.
func (s *state) versionSiblings(stems *stemList) {
	for _, name := range slices.Clone(stems.names) {
		i := len(name)
		for i > 0 && isDigit(name[i-1]) {
			i--
		}
		prefix := name[:i]
		if i == len(name) || i < 4 || !isLetterASCII(prefix[i-1]) || !strings.Contains(prefix, "-") {
			continue
		}
		for st := range occurrences(s.buf, prefix) {
			e := st + len(prefix)
			if !leftOK(s.buf, st) || e >= len(s.buf) || !isDigit(s.buf[e]) {
				continue
			}
			for e < len(s.buf) && isDigit(s.buf[e]) {
				e++
			}
			if e < len(s.buf) && (isAlnum(s.buf[e]) || s.buf[e] == '.' && e+1 < len(s.buf) && isDigit(s.buf[e+1])) {
				continue // "PP-OCRv5x", "PP-OCRv5.1": another shape
			}
			if w := string(s.buf[st:e]); w != name && s.productLike(span{st, e}) {
				stems.add(w)
			}
		}
	}
}

// products yields the product-like words (productEnd) that start in
// [lo, hi) of the text, left to right.
func (s *state) products(lo, hi int) iter.Seq[span] {
	return func(yield func(span) bool) {
		for i := lo; i < hi; {
			j := productEnd(s.buf, i)
			if j == i {
				_, n := utf8.DecodeRune(s.buf[i:])
				i += n
				continue
			}
			if j+2 < hi && s.buf[j] == ' ' && isDigit(s.buf[j+1]) && (plainWord(s.buf[i:j]) || acronym(s.buf[i:j])) && !capitalBefore(s.buf, i) {
				// "Motif 2.6B", "ESMX 6B": a plain name or an acronym
				// and its size after a space (not "BitNet Official 2B").
				if e := wordEnd(s.buf, j+1); isSizeWord(string(s.buf[j+1:e])) && (e == len(s.buf) || !isAlnum(s.buf[e])) {
					j = e
				}
			}
			if j+3 < hi && s.buf[j] == ' ' && s.buf[j+1] == 'v' && isDigit(s.buf[j+2]) && plainWord(s.buf[i:j]) && !capitalBefore(s.buf, i) {
				// "Bulbul v4": a plain name and its version after a
				// space.
				if e := versionEnd(s.buf, j+2); e == len(s.buf) || !isAlnum(s.buf[e]) {
					j = e
				}
			}
			if !yield(span{i, j}) {
				return
			}
			i = j
		}
	}
}

// versionEnd returns the end of the version number at i: digits, with
// dots between ("4", "2.1").
func versionEnd(buf []byte, i int) int {
	for i < len(buf) && isDigit(buf[i]) {
		i++
		if i+1 < len(buf) && buf[i] == '.' && isDigit(buf[i+1]) {
			i++
		}
	}
	return i
}

// plainWord reports a capitalised word of lowercase letters: "Motif".
func plainWord(w []byte) bool {
	for i := 1; i < len(w); i++ {
		if !isLower(w[i]) {
			return false
		}
	}
	return len(w) > 1
}

// acronym reports a word of three to six capital letters: "ESMX".
func acronym(w []byte) bool {
	for _, c := range w {
		if !isUpper(c) {
			return false
		}
	}
	return len(w) >= 3 && len(w) <= 6
}

// capitalBefore reports a capitalised Latin word right before i, after one
// space.
func capitalBefore(buf []byte, i int) bool {
	if i < 2 || buf[i-1] != ' ' {
		return false
	}
	j := i - 1
	for j > 0 && isLetterASCII(buf[j-1]) {
		j--
	}
	return j < i-1 && isUpper(buf[j])
}

// ownRivals takes back the rival mark of a name that shares its stem with
// a name a release sentence introduced: "TreLM-3-2B được chưng cất từ
// chính TreLM-3-9B" names the article's own series ("công bố TreLM-3"),
// not another maker's model.
func ownRivals(rivals map[string]bool, introduced []string) {
	for w := range rivals {
		stem := stemOf(w)
		for _, n := range introduced {
			if stemOf(n) == stem {
				delete(rivals, w)
				break
			}
		}
	}
}

// productEnd returns the end of a product-like word starting at i: an ASCII
// capital at a word start, then letters, digits, dots between digits and
// inner hyphens. It returns i when no such word starts there.
func productEnd(buf []byte, i int) int {
	if !(isUpper(buf[i]) || lowerHead(buf, i)) || !leftOK(buf, i) {
		return i
	}
	j := i
	for j < len(buf) {
		c := buf[j]
		switch {
		case isAlnum(c):
			j++
		case (c == '-' || c == '.') && j+1 < len(buf) && isAlnum(buf[j+1]) && (c == '-' || isDigit(buf[j-1]) && isDigit(buf[j+1])):
			j++
		default:
			return j
		}
	}
	return j
}

// lowerHead reports a word at i that opens with one to three lowercase
// letters before a run of two capitals: "xKITE", "olmOCR", the lowercase
// prefix some model names carry.
func lowerHead(buf []byte, i int) bool {
	j := i
	for j < len(buf) && j-i < 4 && isLower(buf[j]) {
		j++
	}
	return j > i && j-i <= 3 && j+1 < len(buf) && isUpper(buf[j]) && isUpper(buf[j+1])
}

// productLike reports a word that names a product: a capitalised word with a
// digit, an inner capital or a hyphenated code, that is neither a stopword
// nor something the catalog already names.
func (s *state) productLike(sp span) bool {
	if s.covered(sp) || s.hitOverlaps(s.pastMakerPrefix(sp)) || lineOfVersions(s.buf, sp.end) {
		return false
	}
	if sp.end+1 < len(s.buf) && s.buf[sp.end] == ' ' && s.covered(span{sp.end + 1, sp.end + 2}) {
		return false // a maker's prefix to a known model: "C4AI Command A"
	}
	w := s.buf[sp.start:sp.end]
	letters, uppers, digits, inner := 0, 0, 0, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isUpper(c):
			letters++
			uppers++
			if i > 0 && isLower(w[i-1]) {
				inner = true
			}
		case isLower(c):
			letters++
		case isDigit(c):
			digits++
		}
	}
	if letters < 3 || len(w) > 40 {
		return false
	}
	ws := string(w)
	if !(digits > 0 || inner || strings.Contains(ws, "-") && hasCapsSegment(ws)) || lowerSegment(ws) && !s.checkpointSegments(ws) {
		return false
	}
	if isSizeWord(ws) || s.an.c.stopwords[ws] || s.an.c.stopwords[stemOf(ws)] || s.an.datasetLike(ws) || dated(ws) {
		return false
	}
	if s.an.isFormat(ws) {
		return false // "ships in NVFP4": a packaging format alone names no model
	}
	f := fold(ws)
	if _, ok := s.an.c.vendorOfAlias[f]; ok {
		return false
	}
	if _, ok := s.an.c.stemFamily[strings.ToLower(ws)]; ok {
		return false // a catalogued family's stem, read as something else where it is no model
	}
	_, bench := s.an.c.benchByFold[f]
	return !bench
}

// introduced reports whether the word sp beside a release verb names a
// model no catalog knows: product-like, in talk of models (near) or sized,
// shaped like a model's name, and, beside a catalogued maker whose models
// the catalog knows, surely a model.
func (s *state) introduced(sp span, near bool) bool {
	return s.productLike(sp) && (near || s.sized(sp)) && s.modelShaped(sp) && (!s.knownMaker(sp) || s.surelyModel(sp)) && !s.dataBeside(sp) &&
		!s.variantFirst(sp)
}

// makerTypeNames adds as stems the names in [lo, hi) written as a
// catalogued maker's name, a Latin type word and a version ("Viettel LLM
// 2.0", "Acme LLM 3"): a maker names its model after itself and the kind
// of model it is; the version makes it a product.
func (s *state) makerTypeNames(lo, hi int, stems *stemList) {
	for _, h := range hitsIn(s.vendorHits, lo, hi) {
		if h.start < lo || h.end > hi || s.covered(span{h.end + 1, h.end + 2}) {
			continue
		}
		if word, w := s.an.typeWordAt(s.buf, h.end); word != "" && w > h.end {
			stems.addVersioned(string(s.buf[h.start:w]))
		}
	}
}

// variantFirst reports a name that opens with a variant word ("T2V-14B",
// "VL-7B"): a size of a model named elsewhere, no model of its own.
func (s *state) variantFirst(sp span) bool {
	w := s.buf[sp.start:sp.end]
	if i := bytes.IndexByte(w, '-'); i > 0 {
		w = w[:i]
	}
	var tmp [48]byte
	_, ok := s.an.c.variants[string(lowerKey(&tmp, string(w)))]
	return ok
}

// dataBeside reports a name that data words call data: one right before
// it ("训练数据 VisualPRM400K", "the training data (MMPR-v1.2 and
// MMPR-Tiny)") or right after it ("the FooSet-1 dataset").
func (s *state) dataBeside(sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	for _, h := range hitsIn(s.cues[cueData], max(sent.start, sp.start-4*tune.dataReach), min(sent.end, sp.end+tune.dataReach)) {
		gap := s.buf[sp.end:max(sp.end, h.start)]
		if h.end <= sp.start {
			gap = s.buf[h.end:sp.start]
		}
		if len(gap) <= tune.dataReach && !clauseBreak(gap) && !bytes.ContainsAny(gap, ".:") {
			return true
		}
		if h.end <= sp.start && len(gap) <= 3*tune.dataReach && s.an.nameList(gap) {
			return true // "训练数据（MMPR-v1.2和MMPR-Tiny）": a list of data
		}
	}
	return s.dataApposition(sp)
}

// dataApposition reports a name an apposition calls data: "MMPR，一个高质
// 量、大规模的多模态推理偏好数据集", "FooSet, a dataset of …" — a data word
// before any model noun, up to the apposition's end.
func (s *state) dataApposition(sp span) bool {
	p := sp.end
	switch {
	case bytes.HasPrefix(s.buf[p:], []byte(", ")):
		p += 2
	case bytes.HasPrefix(s.buf[p:], []byte("，")):
		p += len("，")
	default:
		return false
	}
	end := min(len(s.buf), p+tune.appositionGap)
	for q := p; q < end; q++ {
		if c := s.buf[q]; c == ',' || c == '.' || c == ';' || c == '\n' || c == 0xef && bytes.HasPrefix(s.buf[q:], []byte("，")) || c == 0xe3 && bytes.HasPrefix(s.buf[q:], []byte("。")) {
			end = q
			break
		}
	}
	data := hitsIn(s.cues[cueData], p, end)
	if len(data) == 0 {
		return false
	}
	nouns := hitsIn(s.cues[cueModelNouns], p, end)
	return len(nouns) == 0 || nouns[0].start > data[0].start
}

// nameList reports a gap that holds only names and the words and marks
// that join a list (the lexicon's gap_joiners): "（MMPR-v1.2和", "
// (FooSet-1, ".
func (an *Analyzer) nameList(gap []byte) bool {
	g := string(gap)
	for _, j := range an.cat.GapJoiners {
		g = strings.ReplaceAll(g, j, " ")
	}
	for i := 0; i < len(g); i++ {
		if c := g[i]; !isAlnum(c) && !strings.ContainsRune(" -._(),", rune(c)) {
			return false
		}
	}
	return true
}

// modelShaped reports whether a product-like word reads as a model's name
// rather than a company's, a place's or a gadget's ("WeWork", "PyeongChang",
// "AirPods", "NDR-Reporter"): it has a version or size ("Orion-14B"), a
// name morpheme ("PhoGPT", "OpenELM") or a variant part ("Zephyr-Chat"), or
// a model noun stands right beside it ("the DiT model", "Mercury, a
// diffusion LLM", "모델 X").
func (s *state) modelShaped(sp span) bool {
	w := string(s.buf[sp.start:sp.end])
	versioned := hasDigit(w) || spacedVersionAt(s.buf, sp.end)
	if !versioned && ordinaryCompound(w, s.an.c.variants) {
		return false // "NDR-Reporter", "AVV-Website", "UN-Konvention"
	}
	if versioned || s.hasMorpheme(w) {
		return true
	}
	segs := strings.Split(w, "-")
	var tmp [48]byte
	for _, seg := range segs[1:] {
		if _, ok := s.an.c.variants[string(lowerKey(&tmp, seg))]; ok {
			return true
		}
	}
	return s.modelNounBeside(sp)
}

// knownMaker reports a catalogued vendor named before sp in its sentence:
// its models are catalogued, so a new name there is more likely one of its
// other products ("Apple launched AirPods 4", "Toyota's RAV4").
func (s *state) knownMaker(sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	return len(hitsIn(s.vendorHits, sent.start, sp.start)) > 0
}

// surelyModel reports a name that can only be a model's: with a
// parameter size ("Foo-7B"), a name morpheme ("FooGPT"), or a model noun
// right beside it ("Genie 3, a world model").
func (s *state) surelyModel(sp span) bool {
	return s.sized(sp) || s.hasMorpheme(string(s.buf[sp.start:sp.end])) || s.modelNounBeside(sp) || s.shippedInVariants(sp)
}

// shippedInVariants reports a name its sentence also names with two
// different variant or size parts ("PhoFoo-2, gồm bản PhoFoo-2-large và
// bản PhoFoo-2-base"): a series shipped in sizes is a model. The sentence
// is read at most variantReach bytes either side of the name, so a page
// of one endless sentence is not read whole for every name in it.
func (s *state) shippedInVariants(sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	lo, hi := max(sent.start, sp.start-variantReach), min(sent.end, sp.end+variantReach)
	w := s.buf[sp.start:sp.end]
	var first string
	var tmp [48]byte
	for p := lo; p < hi; {
		i := bytes.Index(s.buf[p:hi], w)
		if i < 0 {
			break
		}
		e := p + i + len(w)
		p = e
		if e+1 >= hi || s.buf[e] != '-' {
			continue
		}
		seg := s.buf[e+1 : wordEnd(s.buf, e+1)]
		if _, ok := s.an.c.variants[string(lowerKey(&tmp, string(seg)))]; !ok && !isSizeWord(string(seg)) {
			continue
		}
		if first == "" {
			first = string(seg)
		} else if !strings.EqualFold(first, string(seg)) {
			return true
		}
	}
	return false
}

// sized reports a name with a parameter size part: "Foo-7B", "Bar-A3B".
func (s *state) sized(sp span) bool {
	for _, seg := range strings.FieldsFunc(string(s.buf[sp.start:sp.end]), func(r rune) bool { return r == '-' || r == ' ' }) {
		if isSizeWord(seg) {
			return true
		}
	}
	return false
}

// modelNounBeside reports a model noun ("model", "模型", "モデル") within a
// few words of sp in its sentence, with no clause break between.
func (s *state) modelNounBeside(sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	for _, h := range hitsIn(s.cues[cueModelNouns], max(sent.start, sp.start-tune.nounBefore), min(sent.end, sp.end+tune.nounAfter)) {
		gap := s.buf[sp.end:max(sp.end, h.start)]
		if h.end <= sp.start {
			gap = s.buf[h.end:sp.start]
		}
		if !bytes.ContainsAny(gap, ".;:!?。；") {
			return true
		}
	}
	return false
}

// hasMorpheme reports a catalogued name morpheme in w that ends the word
// or a part of it ("PhoGPT", "OpenELM", "SmolLM2"), not one inside an
// ordinary word ("Bottrop").
func (s *state) hasMorpheme(w string) bool {
	for _, m := range s.an.c.morphemes {
		for i := 0; ; {
			j := strings.Index(w[i:], m)
			if j < 0 {
				break
			}
			en := i + j + len(m)
			i += j + 1
			if en == len(w) || !isLower(w[en]) {
				return true
			}
		}
	}
	return false
}

// morphemePart reports a part of a lowercase-friendly name that is or ends
// in a name morpheme, in any case: "tanuki-lm", "fooGPT-2".
func (s *state) morphemePart(w string) bool {
	for _, seg := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		for _, m := range s.an.c.morphemes {
			if strings.HasSuffix(seg, strings.ToLower(m)) {
				return true
			}
		}
	}
	return false
}

// ordinaryCompound reports a hyphenated name with a part that is an
// ordinary capitalised word rather than a code or a variant: "NDR-Reporter",
// "RWE-Kraftwerke", "DTB-Website".
func ordinaryCompound(w string, variants map[string]variant) bool {
	segs := strings.Split(w, "-")
	if len(segs) < 2 {
		return false
	}
	var tmp [48]byte
	for _, seg := range segs[1:] {
		if len(seg) < 4 || !isUpper(seg[0]) {
			continue
		}
		lower := true
		for i := 1; i < len(seg); i++ {
			if !isLower(seg[i]) {
				lower = false
			}
		}
		if _, ok := variants[string(lowerKey(&tmp, seg))]; lower && !ok {
			return true
		}
	}
	return false
}

// pastMakerPrefix returns sp without a vendor name that opens it as the
// first hyphenated part of a name with a name morpheme after it: the maker
// in its own model's name ("Viettel-LLM", "Acme-GPT"), which names the model,
// not the vendor alone.
func (s *state) pastMakerPrefix(sp span) span {
	for _, h := range hitsIn(s.vendorHits, sp.start, sp.end) {
		if h.start == sp.start && h.end < sp.end && s.buf[h.end] == '-' && s.hasMorpheme(string(s.buf[h.end+1:sp.end])) {
			return span{h.end + 1, sp.end}
		}
	}
	return sp
}

// hitOverlaps reports a vendor, benchmark or licence match overlapping sp.
func (s *state) hitOverlaps(sp span) bool {
	for _, h := range hitsIn(s.vendorHits, sp.start-64, sp.end) {
		if sp.start < h.end {
			return true
		}
	}
	for _, h := range benchesIn(s.benches, sp.start-64, sp.end) {
		if sp.start < h.end {
			return true
		}
	}
	for _, h := range hitsIn(s.licenses, sp.start-64, sp.end) {
		if sp.start < h.end {
			return true
		}
	}
	return false
}

// dated reports a name whose only digits are a year: an event or a
// conference ("IJCAI-2020", "COP28" is no year), not a model.
func dated(w string) bool {
	digits := 0
	for i := 0; i < len(w); i++ {
		if isDigit(w[i]) {
			digits++
		}
	}
	if digits != 4 {
		return false
	}
	for i := 0; i+4 <= len(w); i++ {
		y := w[i : i+4]
		if (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && isDigit(y[2]) && isDigit(y[3]) {
			return true
		}
	}
	return false
}

// stemOf returns the leading letters of a product name: "PhoGPT" of
// "PhoGPT-4B-Chat".
func stemOf(w string) string {
	i := 0
	for i < len(w) && isLetterASCII(w[i]) {
		i++
	}
	return w[:i]
}

// stemList collects the names discovered in an article.
type stemList struct {
	names []string
	// versioned holds the native stems quoted with a version number
	// (nativeVersioned): a number after them continues the name.
	versioned map[string]bool
	// accepted counts the names accepted, repeated ones too.
	accepted int
}

// add adds a discovered name read whole ("tanuki-lm").
func (l *stemList) add(w string) {
	l.accepted++
	if len(w) >= 3 && !slices.Contains(l.names, w) && len(l.names) < maxStems {
		l.names = append(l.names, w)
	}
}

// addVersioned adds a stem read only with a version after it: a native
// one quoted with a version number, a maker's name with a type word.
func (l *stemList) addVersioned(w string) {
	l.add(w)
	if l.versioned == nil {
		l.versioned = map[string]bool{}
	}
	l.versioned[w] = true
}

// addWithStem adds a discovered name and its leading letters as stems:
// "JoyAI-LLM-Flash" is read whole, and "JoyAI" finds "JoyAI-Lite" too.
func (l *stemList) addWithStem(w string) {
	l.add(w)
	if st := stemOf(w); st != w {
		l.accepted--
		l.add(st)
	}
}

func hasInnerUpper(w string) bool {
	for i := 1; i < len(w); i++ {
		if isUpper(w[i]) && isLower(w[i-1]) {
			return true
		}
	}
	return false
}

// readStem records every mention of a discovered stem with the name parts
// that follow it. A versioned native stem (nativeVersioned) continues
// with a number after it, at most one space apart ("가람 2 14B"); names
// are the discovered names, whose hyphens a spaced spelling may stand
// for (spacedCode).
func (s *state) readStem(stem string, versioned bool, names []string) {
	pat := []byte(stem)
	for i := 0; ; {
		j := bytes.Index(s.buf[i:], pat)
		if j < 0 {
			return
		}
		st := i + j
		en := st + len(pat)
		i = en
		if !leftOK(s.buf, st) || !rightOK(s.buf, en, true) || s.covered(span{st, en}) {
			continue
		}
		native := pat[0] >= utf8.RuneSelf
		if native && nativeRunBefore(s.buf, st+nativeLen(pat)) != st {
			continue // "바다" inside a longer word: "푸른바다-LM"
		}
		parts, end := s.an.suffix(s.buf, en, false, false)
		if len(parts) == 0 {
			parts, end = s.spacedCode(stem, en, names)
		}
		if constantName(s.buf, st, end) {
			continue // "X38_MODEL", "X38_LLAMA_SERVER": a setting's name in code
		}
		if native && pat[len(pat)-1] >= utf8.RuneSelf && (len(parts) == 0 || s.buf[en] != '-' && !(versioned && spacedNumberAt(s.buf, en))) {
			continue // a native word alone is no name: "하늘AI", "하늘색"
		}
		if versioned && len(parts) == 0 {
			continue // a name read with its version is no name without one: "Ricoh LLM シリーズ"
		}
		if len(parts) == 0 {
			if hasSuffixIn(s.buf[:st], s.an.cat.SeriesBefore) {
				continue // "dòng mô hình Saola": the series, no model
			}
			if s.glossesVendor(stem) {
				s.addVendor(stem, st) // "株式会社カゲロウ（Kagerou）": the maker's name in Latin letters
				continue
			}
			if org := s.orgSuffixAfter(en); org != "" {
				// "Kaname AI", "Nimbus Labs": the maker, named after
				// its model (or the model after it).
				s.addVendor(stem+" "+org, st)
				continue
			}
		}
		m := s.addMention(span{st, end}, -1, -1, stem, parts, resolution{how: howDiscovered, conf: resolveConf.discovered, by: -1})
		if m >= 0 {
			s.models[m].bare = false
		}
		i = end
	}
}

// spacedCode reads the parts after a discovered stem ending at en whose
// first part the text writes after a space where its other spellings
// write a hyphen ("Mekong Agri 8B" where the page also names
// Mekong-Agri-8B), or with a hyphen and nothing after it, a word the
// suffix reader takes only before a version or size ("Ferro-Reason" where
// the page also names Ferro-Reason-14B): the word and the parts after it,
// with where they end; nil and en when none follows.
func (s *state) spacedCode(stem string, en int, names []string) ([]part, int) {
	if en+1 >= len(s.buf) || s.buf[en] != ' ' && s.buf[en] != '-' || !isUpper(s.buf[en+1]) {
		return nil, en
	}
	we := wordEnd(s.buf, en+1)
	word := s.buf[en+1 : we]
	if s.buf[en] == '-' && we < len(s.buf) && (s.buf[we] == '-' || isAlnum(s.buf[we])) {
		return nil, en // the suffix reader's: "Ferro-Reason-7B-preview"
	}
	for _, n := range names {
		// n is stem-word, or stem-word-… ("Mekong-Agri-8B").
		rest, ok := strings.CutPrefix(n, stem)
		if !ok || len(rest) <= len(word) || rest[0] != '-' || rest[1:1+len(word)] != string(word) {
			continue
		}
		if rest = rest[1+len(word):]; rest == "" || rest[0] == '-' {
			more, end := s.an.suffix(s.buf, we, false, false)
			return append([]part{{sep: '-', text: string(word), kind: partCode}}, more...), end
		}
	}
	return nil, en
}

// glossesVendor reports a discovered stem the text writes in brackets
// right after the name of a new organisation, as its gloss in Latin
// letters ("カゲロウ（Kagerou）", "모아랩스(Moa Labs)"): there the stem names
// the maker, and the models named after it are the maker's own.
func (s *state) glossesVendor(stem string) bool {
	for _, v := range s.newVendors {
		if v == stem || s.glossPair(v, stem) {
			return true
		}
	}
	return false
}

// orgBefore returns an organisation name the catalog lacks that stands
// before position p in the sentence starting at start: capitalised words
// ending in an organisation suffix, or a Han name ending in 科技 or the like.
func (s *state) orgBefore(p, start int) string {
	seg := s.buf[start:p]
	if start == s.sents[s.sentenceAt(start)].start {
		if name := s.appositiveOrg(seg); name != "" {
			return name
		}
	}
	words, attached := latinWords(seg)
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ",;:()\"'")
		for _, suf := range s.an.cat.OrgSuffixes {
			if w != suf || suf[0] >= utf8.RuneSelf {
				continue
			}
			if a := attached[i]; a != "" && strings.TrimRight(words[i], ",;:()\"'") == w {
				// "마음AI가", "カナメAIは", "하늘AI(대표 …)": a Hangul or
				// Katakana name written onto the suffix ("인공지능(AI)"
				// glosses a word).
				if name := a + suf; !s.knownVendorIn(name) {
					return name
				}
				return ""
			}
			if i == 0 || s.suffixOpensName(words, i) {
				continue
			}
			k := i
			for k > 0 && k > i-3 {
				prev := strings.Trim(words[k-1], ",;:()\"'")
				if prev == "" || !isUpper(prev[0]) || s.an.c.stopwords[prev] || strings.Contains(prev, "-") {
					break // "Singapore-based" is no part of the name
				}
				k--
			}
			if k == i {
				continue
			}
			name := strings.Join(words[k:i+1], " ")
			if b := strings.LastIndexAny(name, "(（"); b >= 0 {
				// "소나무AI(Sonamu AI)": the name glossed in brackets,
				// not the words before the bracket.
				_, n := utf8.DecodeRuneInString(name[b:])
				if name = name[b+n:]; !strings.Contains(name, " ") {
					continue
				}
			}
			name = strings.Trim(name, ",;:()\"'")
			if _, known := s.an.c.vendorOfAlias[fold(name)]; known {
				return ""
			}
			if s.knownVendorIn(name) {
				return ""
			}
			return name
		}
	}
	text := string(seg)
	for _, c := range s.nativeSuffixes(text) {
		suf, idx := c.suf, c.at
		// The name before the suffix is written in the suffix's script:
		// "深度求索" of "深度求索科技", "코난" of "코난테크놀로지", "カナメ"
		// of "カナメテクノロジーズ".
		script := scriptOf([]rune(suf)[0])
		runes := []rune(text[:idx])
		k, dot := len(runes), 0
		if k > 0 && runes[k-1] == '・' && script == unicode.Katakana {
			k, dot = k-1, 1 // "ミズハ・ラボ": a dot before the suffix joins it to the name
		}
		for k > 0 && len(runes)-k-dot < 6 && script != nil && (unicode.Is(script, runes[k-1]) || hanBeforeKana(script, runes[k-1])) && runes[k-1] != '・' {
			k--
		}
		k += s.orgNounEnd(runes[k:])
		if len(runes)-k-dot >= 2 {
			name := string(runes[k:]) + suf
			if _, known := s.an.c.vendorOfAlias[fold(name)]; !known && !s.knownVendorIn(name) {
				return name
			}
		}
	}
	return s.orgAfterNoun(text)
}

// releaseSubject reports a name right before release verb c, with only
// spaces between, where the verb comes before its object: the verb's
// subject ("VinBigData công bố …", "DeepKnot launches …").
func (s *state) releaseSubject(sp span, c hit) bool {
	if c.after || c.local || s.cjkCue(c) || sp.end > c.start {
		return false
	}
	return len(bytes.TrimLeft(s.buf[sp.end:c.start], " ")) == 0
}

// objectIntroduced reports a name no catalog knows that release verb c
// introduces after it, before hi: the verb has an object of its own.
func (s *state) objectIntroduced(c hit, hi int, near bool) bool {
	for sp := range s.products(c.end, hi) {
		if s.introduced(sp, near) {
			return true
		}
	}
	return false
}

// subjectInName returns the capitalised Latin word right before release
// verb c that opens a name its sentence introduces ("VNPT ra mắt … VNPT
// GenAI 2", "Tidewater launched Tidewater-Coder-2"), and where it starts:
// the verb's subject, a maker no catalog knows, named in its own model's
// name. Verbs that follow their object have no subject right before them.
func (s *state) subjectInName(c hit, lo int, names []string) (string, int) {
	if c.after || c.local || s.cjkCue(c) {
		return "", -1
	}
	e := c.start
	for e > lo && s.buf[e-1] == ' ' {
		e--
	}
	b := e
	for b > lo && isAlnum(s.buf[b-1]) {
		b--
	}
	if e-b < 2 || !isUpper(s.buf[b]) || !leftOK(s.buf, b) {
		return "", -1
	}
	w := string(s.buf[b:e])
	if s.an.c.stopwords[w] {
		return "", -1
	}
	if _, known := s.an.c.vendorOfAlias[fold(w)]; known {
		return "", -1
	}
	for _, n := range names {
		if len(n) > len(w)+1 && strings.HasPrefix(n, w) && (n[len(w)] == ' ' || n[len(w)] == '-') {
			return w, b
		}
	}
	return "", -1
}

// suffixOpensName reports an organisation suffix, words[i], that a
// capitalised word other than a suffix follows with no punctuation between:
// the suffix begins the name of an event or a product ("VNPT AI Day",
// "Acme AI Studio"), not an organisation's ("Kaname AI Labs" is one).
func (s *state) suffixOpensName(words []string, i int) bool {
	if i+1 >= len(words) || strings.ContainsAny(words[i], ",;:()\"'") {
		return false
	}
	next := strings.TrimRight(words[i+1], ",;:()\"'")
	if next == "" || !isUpper(next[0]) {
		return false
	}
	_, suffix := s.an.c.orgSuffixes[next]
	return !suffix
}

// suffixAt is an organisation suffix written in a native script and where
// it last occurs in a text.
type suffixAt struct {
	suf string
	at  int
}

// nativeSuffixes returns the native-script organisation suffixes found in
// text, the one ending nearest its end (the release verb) first: in
// "新浪科技讯 …消息，北京初创公司青穹智能今日发布" the maker is the
// organisation right before the verb, not the news site of the dateline.
func (s *state) nativeSuffixes(text string) []suffixAt {
	var found []suffixAt
	for _, suf := range s.an.cat.OrgSuffixes {
		if suf[0] < utf8.RuneSelf {
			continue
		}
		if idx := strings.LastIndex(text, suf); idx > 0 {
			found = append(found, suffixAt{suf, idx})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		return found[i].at+len(found[i].suf) > found[j].at+len(found[j].suf)
	})
	return found
}

// appositiveOrg returns the one to three capitalised words that open a
// sentence when an apposition right after them, closed by a comma, calls
// them an organisation (the lexicon's org_appositions after an article:
// "Halcyon Forge, a 40-person startup based in Toronto, today released
// …"), or "": a maker whose name ends in no organisation word.
func (s *state) appositiveOrg(seg []byte) string {
	i := bytes.Index(seg, []byte(", "))
	if i <= 0 {
		return ""
	}
	words := strings.Fields(string(seg[:i]))
	if len(words) > 3 {
		return ""
	}
	for _, w := range words {
		if !isUpper(w[0]) || !asciiOnly(w) || s.an.c.stopwords[w] {
			return ""
		}
	}
	rest, _, closed := bytes.Cut(seg[i+2:], []byte(","))
	art, _, ok := bytes.Cut(rest, []byte(" "))
	if !closed || !ok || !slices.Contains(s.an.cat.Articles, string(art)) {
		return "" // "Meanwhile, a startup called Quarry released …": no apposition
	}
	found := false
	ws := strings.Fields(string(rest))
	for k, w := range ws {
		if slices.Contains(s.an.cat.OrgAppositions, strings.TrimRight(w, ".;:")) {
			// "Separately, the startup Quarry Forge, …": the noun
			// introduces the name after it, not the words before.
			found = k+1 == len(ws) || !isUpper(ws[k+1][0])
			break
		}
	}
	name := strings.Join(words, " ")
	if _, known := s.an.c.vendorOfAlias[fold(name)]; !found || known || s.knownVendorIn(name) {
		return ""
	}
	return name
}

// orgNounEnd returns how many runes of the run before an organisation
// suffix belong to a noun of a kind of organisation (OrgNouns) that ends
// inside it, 0 for none: "创业公司" of "创业公司青岚智能" says what "青岚智能"
// is and is no part of its name.
func (s *state) orgNounEnd(run []rune) int {
	text := string(run)
	end := 0
	for _, noun := range s.an.cat.OrgNouns {
		if i := strings.LastIndex(text, noun); i >= 0 {
			end = max(end, utf8.RuneCountInString(text[:i+len(noun)]))
		}
	}
	return end
}

// runesBack returns the position n characters before i in buf: a window
// of characters, not bytes, reaches as far back in Japanese or Chinese
// ("星空ロボティクスは…モデル「Hoshi-VLA 2」を公開") as in English.
func runesBack(buf []byte, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRune(buf[:i])
		i -= size
	}
	return i
}

// hanBeforeKana reports a Han rune before a Katakana suffix: Japanese
// company names mix the two ("星空" of "星空ロボティクス").
func hanBeforeKana(script *unicode.RangeTable, r rune) bool {
	return script == unicode.Katakana && unicode.Is(unicode.Han, r)
}

// orgAfterNoun returns the name in Hangul, Katakana or Han that text writes
// right after a noun of a kind of organisation (OrgNouns), set off by a
// space, "・" or a comma and ended by a particle or punctuation ("AI
// 스타트업 누리봄이", "スタートアップ・ツグミ、"), or "".
func (s *state) orgAfterNoun(text string) string {
	for _, noun := range s.an.cat.OrgNouns {
		i := strings.LastIndex(text, noun)
		if i < 0 {
			continue
		}
		rest := text[i+len(noun):]
		for _, sep := range []string{" ", "・", "、", ", ", "，"} {
			if strings.HasPrefix(rest, sep) {
				rest = rest[len(sep):]
				break
			}
		}
		r, _ := utf8.DecodeRuneInString(rest)
		script := scriptOf(r)
		if script == nil {
			continue
		}
		n, in := 0, nativeLetter(script)
		for _, r := range rest {
			if !in(r) || r == '・' {
				break
			}
			n += utf8.RuneLen(r)
		}
		name, after := rest[:n], rest[n:]
		if suf := s.dottedSuffix(after); suf != "" {
			// "スタートアップ、アオバ・ラボは": the lab word after a dot is
			// part of the name.
			name, after = name+suf, after[len(suf):]
		}
		if script == unicode.Hangul {
			// "누리봄이": the particle is no part of the name.
			for _, p := range s.an.cat.KoreanParticles {
				if strings.HasSuffix(name, p) && utf8.RuneCountInString(name)-utf8.RuneCountInString(p) >= 2 {
					name, after = name[:len(name)-len(p)], p+after
					break
				}
			}
		}
		if c := utf8.RuneCountInString(name); c < 2 || c > 8 || script == unicode.Han && c > 4 {
			continue
		}
		if a, _ := utf8.DecodeRuneInString(after); after != "" && a != ' ' && a != ',' && !unicode.In(a, unicode.Hiragana, unicode.Hangul, unicode.Punct) {
			continue // a word goes on: "スタートアップ企業"
		}
		if slices.Contains(s.an.cat.OrgNouns, name) || s.knownVendorIn(name) {
			continue
		}
		return name
	}
	return ""
}

// dottedSuffix returns "・" and the native organisation suffix (the
// lexicon's org_suffixes) that open text ("・ラボ" of "・ラボ（京都市）は"),
// or "".
func (s *state) dottedSuffix(text string) string {
	rest, ok := strings.CutPrefix(text, "・")
	if !ok {
		return ""
	}
	for _, suf := range s.an.cat.OrgSuffixes {
		if suf[0] >= utf8.RuneSelf && strings.HasPrefix(rest, suf) {
			if r, _ := utf8.DecodeRuneInString(rest[len(suf):]); !unicode.Is(unicode.Katakana, r) {
				return "・" + suf
			}
		}
	}
	return ""
}

// scriptOf returns the script of an organisation suffix written in Han,
// Hangul or Katakana, or nil.
func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range []*unicode.RangeTable{unicode.Han, unicode.Hangul, unicode.Katakana} {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

// latinWords splits seg into its Latin words, as strings.Fields would, but
// also at every other script, which stands in as an empty word (Latin
// letters with Vietnamese accents are Latin): names
// end where Chinese, Japanese or Korean text begins ("Kaname AIは" gives
// "Kaname", "AI", ""). attached[i] holds the Hangul or Katakana word
// written right onto word i ("마음" of "마음AI가"), if any.
func latinWords(seg []byte) (words, attached []string) {
	i := 0
	for i < len(seg) {
		r, n := utf8.DecodeRune(seg[i:])
		switch {
		case r == ' ' || r == '\n' || r == '\t':
			i += n
		case latinRune(r):
			j := i
			for j < len(seg) {
				r, n := utf8.DecodeRune(seg[j:])
				if r == ' ' || r == '\n' || r == '\t' || !latinRune(r) {
					break
				}
				j += n
			}
			words = append(words, string(seg[i:j]))
			attached = append(attached, cjkWordBefore(seg[:i]))
			i = j
		default:
			if len(words) == 0 || words[len(words)-1] != "" {
				words = append(words, "")
				attached = append(attached, "")
			}
			i += n
		}
	}
	return words, attached
}

// latinRune reports a letter of a Latin word, Vietnamese's stacked
// accents ("Diều", "Nẵng") among them.
func latinRune(r rune) bool {
	return r < 0x250 || r >= 0x1E00 && r <= 0x1EFF
}

// cjkWordBefore returns the run of at least two Hangul or Katakana letters
// that ends b, or "".
func cjkWordBefore(b []byte) string {
	j, n := runBefore(b, len(b), len(b), func(r rune) bool {
		return unicode.In(r, unicode.Hangul, unicode.Katakana)
	})
	if n < 2 {
		return ""
	}
	return string(b[j:])
}

// ownerSpelling returns the name the text gives the organisation behind
// a repository owner's handle: the handle past a suffix of the lexicon's
// handle_suffixes ("suno" of "suno-ai"), where the text writes it as a
// capitalised word of its own ("Bark … created by Suno"), with the
// organisation suffixes the text writes after it ("Pellucid Labs" of
// "pellucid-labs"); else the handle.
func (s *state) ownerSpelling(owner string) string {
	i := strings.LastIndexAny(owner, "-_")
	if i < 3 || !slices.Contains(s.an.cat.HandleSuffixes, strings.ToLower(owner[i+1:])) {
		return owner
	}
	f := fold(owner[:i])
	for p := s.titleEnd; p < len(s.buf); {
		if !isUpper(s.buf[p]) || p > 0 && (isAlnum(s.buf[p-1]) || s.buf[p-1] == '-' || s.buf[p-1] == '/' || s.buf[p-1] == '.') {
			p++
			continue
		}
		q := wordEnd(s.buf, p)
		if q == p {
			p++
			continue
		}
		if fold(string(s.buf[p:q])) == f && (q == len(s.buf) || s.buf[q] != '-' && s.buf[q] != '/' && s.buf[q] != '.' || q+1 == len(s.buf) || !isAlnum(s.buf[q+1])) {
			for k := 0; k < 2 && s.orgSuffixAfter(q) != ""; k++ {
				q = wordEnd(s.buf, q+1) // "Pellucid Labs", "Mekong AI Lab": the organisation's full name
			}
			return string(s.buf[p:q])
		}
		p = q
	}
	return owner
}

// namedAfterAny reports a discovered name that a repository is named
// after (namedAfter).
func namedAfterAny(repo string, names []string) bool {
	for _, n := range names {
		if namedAfter(repo, n) {
			return true
		}
	}
	return false
}

// namedExactly reports a repository whose name folds to one of names:
// "collabora/WhisperSpeech" is named after WhisperSpeech, not after the
// Whisper its name holds. A catalogued model that holds the repository's
// whole name (catalogHolds) may be its namesake, unless the text writes
// the owner's handle as a word too ("Collabora").
func namedExactly(repo string, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return fold(n) == fold(repo) })
}

// catalogHolds reports a catalogued model of the article whose name holds
// a repository's whole name ("NeMo" in Nemotron, "Midm-2.0" in Mi:dm
// 2.0) and whose maker the text names: the repository may be named after
// it.
func (s *state) catalogHolds(repo string) bool {
	r := fold(repo)
	for _, m := range s.models {
		if m.family >= 0 && len(r) >= 3 && strings.Contains(fold(m.name), r) && slices.ContainsFunc(s.vendorHits, func(h hit) bool { return h.idx == m.vendor }) {
			return true
		}
	}
	return false
}

// toolingRepo reports a repository named as one of the page's model
// names with a tool or runtime word of the lexicon's stopwords after a
// separator ("Wren-python", "wren_onnx", "Wren-MLX"): a port or a wrapper
// of the model, whose owner is not its maker where the page names
// another.
func (s *state) toolingRepo(repo string, names []string) bool {
	i := strings.LastIndexAny(repo, "-_.")
	if i < 3 || i+1 >= len(repo) || !slices.ContainsFunc(names, func(n string) bool { return fold(n) == fold(repo[:i]) }) {
		return false
	}
	w := repo[i+1:]
	return s.an.c.stopwords[w] || s.an.c.stopwords[strings.ToLower(w)] || s.an.c.stopwords[strings.ToUpper(w)] ||
		s.an.c.stopwords[strings.ToUpper(w[:1])+strings.ToLower(w[1:])]
}

// catalogNamedAfter reports a catalogued model of the article that a
// repository is named after ("K-intelligence-Midm/Midm-2.0" and Mi:dm
// 2.0): its maker is known, and the owner's handle names no other.
func (s *state) catalogNamedAfter(repo string) bool {
	for _, m := range s.models {
		if m.family >= 0 && namedAfter(repo, m.name) {
			return true
		}
	}
	return false
}

// makerNamedFrom adds the organisation no catalog knows that a sentence
// naming a new model gives as its maker after "from" or "by" (the
// lexicon's maker_prepositions: "Wren is a family of speech models from
// Brackenfield Labs", "Orion-7B by Acme AI"): capitalised
// words ending in an organisation suffix, right after the preposition.
func (s *state) makerNamedFrom(names []string) {
	for _, sent := range s.sents {
		text := s.buf[sent.start:sent.end]
		i := -1
		for _, n := range names {
			if i = bytes.Index(text, []byte(n)); i >= 0 {
				break
			}
		}
		if i < 0 {
			continue
		}
		for _, prep := range s.an.cat.MakerPrepositions {
			j := bytes.Index(text[i:], []byte(prep))
			if j < 0 {
				continue
			}
			p := sent.start + i + j + len(prep)
			if name := s.orgAt(p, sent.end); name != "" {
				s.addVendor(name, p)
				return
			}
		}
	}
}

// rebrandedMakers adds the organisations the text gives a new name after
// a word of the lexicon's rebrand_words ("we have rebranded to
// OpenAudio", "更名为X"): a capitalised Latin name no catalog knows, the
// maker of the models the page introduces, and no model itself
// (dropRebranded).
func (s *state) rebrandedMakers() {
	low := bytes.ToLower(s.buf)
	for _, w := range s.an.cat.RebrandWords {
		pat := []byte(strings.ToLower(w))
		for i := s.titleEnd; ; {
			j := bytes.Index(low[i:], pat)
			if j < 0 {
				break
			}
			p := i + j + len(pat)
			i = p
			if p < len(s.buf) && s.buf[p] == ' ' {
				p++
			}
			if p >= len(s.buf) || !isUpper(s.buf[p]) {
				continue
			}
			e := wordEnd(s.buf, p)
			name := string(s.buf[p:e])
			if len(name) < 3 || s.knownWord(name) || slices.Contains(s.rebranded, fold(name)) {
				continue
			}
			s.rebranded = append(s.rebranded, fold(name))
			s.addVendor(name, p)
		}
	}
}

// orgAt returns the organisation name no catalog knows that starts at p:
// one to three capitalised words, then an organisation suffix.
func (s *state) orgAt(p, end int) string {
	q := p
	for k := 0; k < 3 && q < end && isUpper(s.buf[q]); k++ {
		w := wordEnd(s.buf, q)
		if s.an.c.stopwords[string(s.buf[q:w])] {
			return ""
		}
		if suf := s.orgSuffixAfter(w); suf != "" {
			name := string(s.buf[p:w]) + " " + suf
			if _, known := s.an.c.vendorOfAlias[fold(name)]; known || s.knownVendorIn(name) {
				return ""
			}
			return name
		}
		if w >= end || s.buf[w] != ' ' {
			return ""
		}
		q = w + 1
	}
	return ""
}

// orgSuffixAfter returns the Latin organisation suffix that follows p
// after one space ("AI" of "Kaname AI"), or "".
func (s *state) orgSuffixAfter(p int) string {
	if p+1 >= len(s.buf) || s.buf[p] != ' ' {
		return ""
	}
	w := wordEnd(s.buf, p+1)
	suf, ok := s.an.c.orgSuffixes[string(s.buf[p+1:w])]
	if !ok || !rightOK(s.buf, w, false) {
		return ""
	}
	if w+1 < len(s.buf) && s.buf[w] == ' ' && isUpper(s.buf[w+1]) {
		// "VNPT AI Day", "Acme AI Studio": the suffix begins the name of
		// an event or a product, unless another suffix follows ("Kaname
		// AI Labs").
		if _, more := s.an.c.orgSuffixes[string(s.buf[w+1:wordEnd(s.buf, w+1)])]; !more {
			return ""
		}
	}
	return suf
}

// knownVendorIn reports whether a catalogued vendor name occurs in name.
func (s *state) knownVendorIn(name string) bool {
	f := fold(name)
	for alias := range s.an.c.vendorOfAlias {
		if len(alias) >= 3 && strings.Contains(f, alias) || len(f) >= 6 && strings.Contains(alias, f) {
			return true
		}
	}
	return false
}

func (s *state) anyVendorHit() bool { return len(s.vendorHits) > 0 }

// hostOwner reports a repository owner that is a hosting site or a
// package index (a stopword: "pypi", "modelscope", "huggingface"), no
// model maker.
func (s *state) hostOwner(owner string) bool {
	return s.an.c.stopwords[owner] || s.an.c.stopwords[strings.ToLower(owner)]
}

// repoOwnerVendor returns the catalogued vendor that owns the repository
// the page is, under one of its handles ("facebookresearch/audiocraft"),
// or -1.
func (s *state) repoOwnerVendor() (int, string) {
	owner, _, _, ok := s.repo()
	if !ok {
		return -1, ""
	}
	if v, known := s.an.c.vendorOfAlias[fold(owner)]; known {
		return v, owner
	}
	if v, known := s.an.hub[strings.ToLower(owner)]; known {
		return v, owner // a Hugging Face organisation of the vendor: "ibm-granite"
	}
	if v, known := s.an.code[strings.ToLower(owner)]; known && codeHost(s.a.URL) {
		return v, owner // a code host organisation of the vendor: "pytorch/fairseq"
	}
	return -1, ""
}

// catalogModelNamed reports a mention of a model the catalog gives a
// maker: a repository named after a team of that maker ("internlm",
// "kwai-keye") is the maker's, no lab of its own.
func (s *state) catalogModelNamed() bool {
	for _, m := range s.mentions {
		if s.models[m.model].vendor >= 0 {
			return true
		}
	}
	return false
}

func (s *state) addVendor(name string, at int) {
	how, conf := howSound, resolveConf.vendorOrg
	v := s.vendorGarble(name)
	if hv, ok := s.an.hub[strings.ToLower(name)]; ok && v < 0 {
		// "developed by Qwen": the Hugging Face organisation a catalogued
		// vendor publishes under, no new maker.
		v, how, conf = hv, howCatalog, resolveConf.catalog
	}
	if v >= 0 {
		// "Zippu AI": a catalogued vendor garbled, no new one.
		st := bytes.LastIndex(s.buf[:min(len(s.buf), at+len(name))], []byte(name))
		if st < 0 {
			st = at
		}
		sp := span{st, min(len(s.buf), st+len(name))}
		if !s.hitOverlaps(sp) && len(s.vendorHits) < maxHits {
			s.vendorHits = append(s.vendorHits, hit{span: sp, idx: v, how: how, conf: float32(conf)})
			sortHits(s.vendorHits)
		}
		return
	}
	if s.newVendorAt == nil {
		s.newVendorAt = map[string]int{}
	}
	if _, ok := s.newVendorAt[name]; ok {
		return
	}
	for i, v := range s.newVendors {
		if s.glossed(v, name) {
			// "모아랩스(Moa Labs)": one organisation in two scripts,
			// known by its Latin name.
			if isASCII(name) && !isASCII(v) {
				s.newVendors[i] = name
				s.newVendorAt[name] = s.newVendorAt[v]
				delete(s.newVendorAt, v)
			}
			return
		}
		// "Nẵng Cánh Diều Lab" and "Cánh Diều Lab": the place before
		// a name is no part of it where the text also writes it alone.
		switch {
		case strings.HasSuffix(name, " "+v) || nativeTail(name, v):
			return
		case strings.HasSuffix(v, " "+name) || nativeTail(v, name):
			was := s.newVendorAt[v]
			delete(s.newVendorAt, v)
			s.newVendors[i] = name
			s.newVendorAt[name] = min(at, was)
			return
		}
	}
	s.newVendorAt[name] = at
	s.newVendors = append(s.newVendors, name)
}

// nativeTail reports a name in a native script that ends another one
// written onto a qualifier ("ミズハ・ラボ" of "京大発ミズハ・ラボ", "衡川智能"
// of "杭州衡川智能"): one organisation, the place or origin before it no
// part of its name.
func nativeTail(long, short string) bool {
	return len(long) > len(short) && short != "" && short[0] >= utf8.RuneSelf && utf8.RuneCountInString(short) >= 3 && strings.HasSuffix(long, short)
}

// hasCapsSegment reports a hyphen-separated segment in capitals ("UI-TARS",
// "K-EXAONE"), which "Large-Scale" lacks.
func hasCapsSegment(w string) bool {
	for _, seg := range strings.Split(w, "-") {
		caps := 0
		for i := 0; i < len(seg); i++ {
			if isUpper(seg[i]) {
				caps++
			} else if isLower(seg[i]) {
				caps = -100
			}
		}
		if caps >= 2 {
			return true
		}
	}
	return false
}

// unknownRepo returns the repository's name as the text writes it when it
// names a model no catalog knows: product-like itself ("PhoGPT"), or
// written in the text with a version or size ("Orion" of "Orion-14B",
// "kokoro" of "Kokoro-82M").
func (s *state) unknownRepo(repo string, fromTitle bool) (string, bool) {
	if len(repo) < 3 || s.covered(span{0, s.titleEnd}) {
		return "", false
	}
	if w := s.ownSpelling(repo); w != "" && w != repo && !s.knownWord(w) && (s.definedModel(w, true) || (hasInnerUpper(w) || isAllCaps(w)) && s.calledModel(w)) {
		// "🐶 Bark" at github.com/suno-ai/bark, and "Bark is a
		// transformer-based text-to-audio model": the title spells the
		// repository's name in its own case and the text defines it
		// as a model where it first opens a sentence, which needs no
		// version to be the page's own; so does a name with an inner
		// capital that the text writes before a model noun ("ColPali:
		// …" at github.com/illuin-tech/colpali, "the ColPali model").
		return w, true
	}
	if w := s.titleSpelling(repo); lettersOnly(repo) && w != "" && w != repo && hasInnerUpper(w) && !s.knownWord(w) && !s.an.datasetLike(w) && s.versionedAfter(w) {
		// "NX-AI/xkite" titled "… the xKITE Paper" and "xKITE 7B" in
		// the text: the title spells the lowercase repository's name in
		// its own case, read only where the text writes it with a
		// version or size, as "hexgrad/kokoro" and "Kokoro-82M" are.
		return w, true
	}
	// An address names the page's repository; its title must name it
	// too, or the text must call it a model ("Surya is a 689M param OCR
	// model" at github.com/datalab-to/surya, titled "Datalab").
	spelled := s.titleSpelling(repo)
	if spelled == repo {
		spelled = ""
	}
	titled := fromTitle || bytes.Contains(s.buf[:s.titleEnd], []byte(repo)) || spelled != ""
	if !titled && (!isLower(repo[0]) || !lettersOnly(repo) || !s.definedModel(strings.ToUpper(repo[:1])+repo[1:], false)) {
		return "", false
	}
	if !isUpper(repo[0]) {
		// "hexgrad/kokoro" and "Kokoro-82M" in the text: a repository
		// named in lowercase after the model the text capitalises, read
		// only where the text writes it with a version or size; as the
		// title spells it, if it does ("LTP 4" at …/ltp).
		if !isLower(repo[0]) || !lettersOnly(repo) {
			return "", false
		}
		repo = strings.ToUpper(repo[:1]) + repo[1:]
		if spelled != "" {
			repo = spelled
		}
		if !s.versionedAfter(repo) {
			return "", false
		}
	}
	return repo, s.unknownRepoName(repo)
}

// definedModel reports name opening a sentence of the text, past a list
// mark, that calls it a model ("Surya is a 689M param OCR model", "Orion
// 是一个开源大模型"): a README defining its own model.
//
// With first set, only the first such sentence counts: the one that
// introduces the name ("Quillpad is a notebook editor for …", not a later
// "Quillpad now exports fine-tuned models").
func (s *state) definedModel(name string, first bool) bool {
	for at := range occurrences(s.buf[s.titleEnd:], name) {
		sp := span{s.titleEnd + at, s.titleEnd + at + len(name)}
		if sp.end < len(s.buf) && isLetterASCII(s.buf[sp.end]) {
			continue // "Suryaformer"
		}
		sent := s.sents[s.sentenceAt(sp.start)]
		lo := sent.start
		if k := bytes.LastIndexByte(s.buf[lo:sp.start], '\n'); k >= 0 {
			lo += k + 1 // the sentence's line: a title without a full stop runs on
		}
		if len(bytes.Trim(s.buf[lo:sp.start], " *-•")) == 0 {
			if s.definesModel(sp, sent) || first && s.definesArchitecture(sp, sent) {
				return true
			}
			if first {
				return false
			}
		}
	}
	return false
}

// definesModel reports a model noun after name sp in its sentence, within
// the reach of modelNounBeside, with no clause mark (a point only before a
// space: "a 1.2B param … model") or definition break
// (the lexicon's definition_breaks: "for", "用于") between: the noun is
// what the sentence calls the name.
func (s *state) definesModel(sp, sent span) bool {
	return s.definesModelIn(sp, sent, tune.nounAfter)
}

// definesArchitecture reports a noun of the lexicon's architecture_nouns
// after name sp within nounAfter bytes of its sentence, with no clause
// mark or definition break before it ("RF-DETR is a real-time
// transformer architecture for …").
func (s *state) definesArchitecture(sp, sent span) bool {
	lb := bytes.ToLower(s.buf[sp.end:min(sent.end, sp.end+tune.nounAfter)])
	for _, n := range s.an.cat.ArchitectureNouns {
		if k := bytes.Index(lb, []byte(n)); k >= 0 {
			gap := s.buf[sp.end : sp.end+k]
			if !bytes.ContainsAny(gap, ";:!?。；") && !bytes.Contains(gap, []byte(". ")) && !hasAnyFold(gap, s.an.cat.DefinitionBreaks) {
				return true
			}
		}
	}
	return false
}

// definesModelPastCopula is definesModel for name sp followed by a
// definition's copula: the model noun may also stand past the reach in
// bytes when only tune.definitionWords spaced Latin words, the copula's
// among them, come between ("Larkvoice-v0.2 is a leading open-weight
// text-to-speech model"); Vietnamese letters are Latin ("Tiếng Việt").
// Han and Kana are unspaced, so no words are counted in them, and a
// Korean definition ends on its head noun ("모델을 위한 도구"), so a model
// noun inside it may be a modifier: neither reaches past.
func (s *state) definesModelPastCopula(sp, sent span) bool {
	if s.definesModel(sp, sent) {
		return true
	}
	hs := hitsIn(s.cues[cueModelNouns], sp.end, min(sent.end, sp.end+tune.introduceAfter))
	if len(hs) == 0 {
		return false
	}
	gap := s.buf[sp.end:hs[0].start]
	words := bytes.Fields(gap)
	for _, w := range words {
		for _, c := range string(w) {
			if c >= utf8.RuneSelf && !unicode.Is(unicode.Latin, c) {
				return false // Han or Kana, unspaced: "是一个基于…的开发套件"; Hangul: its noun comes last
			}
		}
	}
	return len(words) <= tune.definitionWords && s.definesModelIn(sp, sent, hs[0].end-sp.end)
}

// definesModelIn is definesModel with a reach of its own: a list item's
// definition runs to its full stop ("MusicGen: A state-of-the-art
// controllable text-to-music model.").
func (s *state) definesModelIn(sp, sent span, reach int) bool {
	for _, h := range hitsIn(s.cues[cueModelNouns], sp.end, min(sent.end, sp.end+reach)) {
		gap := s.buf[sp.end:h.start]
		return !bytes.ContainsAny(gap, ";:!?。；") && !bytes.Contains(gap, []byte(". ")) && !hasAnyFold(s.withoutPairedModifier(gap), s.an.cat.DefinitionBreaks)
	}
	return false
}

// withoutPairedModifier returns a definition's gap before its model noun
// without the list word (the lexicon's list_joiners: "and") that joins
// its last two lowercase words ("is an ultra fast and accurate " → "is
// an ultra fast accurate "): two modifiers of
// the noun, not a second thing the name is ("is a tool and a model" has
// an article after "and"; "is a library and pretrained models", "is a
// tokenizer and embedding model" a noun before it: a word of the
// lexicon's tool_nouns or data_nouns, or an agent noun in -izer/-iser).
func (s *state) withoutPairedModifier(gap []byte) []byte {
	words := bytes.Fields(gap)
	n := len(words)
	if n < 3 || !slices.Contains(s.an.cat.ListJoiners, string(words[n-2])) || !lowerRun(words[n-3]) || !lowerRun(words[n-1]) || slices.Contains(articles, string(words[n-1])) ||
		s.thingNoun(words[n-3]) || s.thingNoun(words[n-1]) {
		return gap
	}
	return append(append([]byte(" "), bytes.Join(append(slices.Clone(words[:n-2]), words[n-1]), []byte(" "))...), ' ')
}

// thingNoun reports a lowercase word that names a thing, not a quality of
// a model: a word of the lexicon's tool_nouns or data_nouns ("library",
// "dataset"), or an agent noun ending in -izer or -iser ("tokenizer").
func (s *state) thingNoun(w []byte) bool {
	for _, ns := range [][]string{s.an.cat.ToolNouns, s.an.cat.DataNouns} {
		for _, n := range ns {
			if strings.EqualFold(string(w), n) {
				return true
			}
		}
	}
	for _, suf := range []string{"izer", "iser", "izers", "isers"} {
		if bytes.HasSuffix(w, []byte(suf)) {
			return true
		}
	}
	return false
}

// articles are the English articles, which open a noun phrase of its own.
var articles = []string{"a", "an", "the"}

// lowerRun reports a word of lowercase Latin letters and hyphens
// ("state-of-the-art"); lowerWord takes no hyphen.
func lowerRun(w []byte) bool {
	for _, c := range w {
		if !isLower(c) && c != '-' {
			return false
		}
	}
	return len(w) > 0
}

// listDefinitions returns the names no catalog knows that a project's
// page defines as models in a list item of its own: an item opening with
// the name, a colon and what it is, a model noun within reach with no
// definition break ("* MusicGen: A state-of-the-art controllable
// text-to-music model.", "- Kestrel：一个语音识别模型"). A README lists
// its own models so; a name written with an inner capital or a digit
// (not "Installation: …"), and not a vendor's, a benchmark's or a
// catalogued model's.
func (s *state) listDefinitions() []string {
	var names []string
	for sp := range s.products(s.titleEnd, len(s.buf)) {
		rest := s.buf[sp.end:]
		colon := 0
		if bytes.HasPrefix(rest, []byte(": ")) {
			colon = 2
		} else if bytes.HasPrefix(rest, []byte("：")) {
			colon = len("：")
		}
		if !s.listItemStart(sp.start) {
			continue
		}
		name := string(s.buf[sp.start:sp.end])
		if !hasInnerUpper(name) && !strings.ContainsAny(name, "0123456789") || !s.unknownRepoName(name) || s.hitOverlaps(sp) || s.covered(sp) {
			continue
		}
		sent := s.sents[s.sentenceAt(sp.start)]
		if s.foreignMakerIn(sent) {
			continue // "* Qwen-Audio-X: an audio model from Alibaba": a supported model
		}
		defines := colon > 0 && s.itemDefinesModel(span{sp.start, sp.end + colon}, sent) ||
			colon == 0 && s.copulaAfter(sp) && s.definesModelPastCopula(sp, sent) // "FlitNet is a compact pose model that …"
		if defines && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// offeredOptions returns the names a project's page lists on the lines
// after a counted offer of models that ends with a colon ("Currently, we
// provide 3 model options:" and lines "GlideNet", "StrideNet:", each over
// its description): a package's own models, which need no version. Only
// a line that is one name with an inner capital or a digit counts, at
// most as many as the offer counts, within two lines each; a name line
// whose next line opens with it and one more capitalised word is read
// with that word ("Acme:" over "Acme Flowmesh can detect …").
func (s *state) offeredOptions() []string {
	var names []string
	for _, sent := range s.sents {
		at, noun, ok := s.offeredNoun(sent)
		if !ok {
			continue
		}
		n := countBefore(s.buf[at:noun.start])
		end := bytes.IndexByte(s.buf[noun.end:], '\n')
		if n == 0 || end < 0 || !bytes.HasSuffix(bytes.TrimRight(s.buf[noun.end:noun.end+end], " "), []byte(":")) {
			continue
		}
		p, found := noun.end+end+1, 0
		for line := 0; line < 2*n+1 && found < n && p < len(s.buf); line++ {
			e := p + bytes.IndexByte(s.buf[p:], '\n')
			if e < p {
				e = len(s.buf)
			}
			if name := s.optionLine(p, e); name != "" {
				found++
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
			p = e + 1
		}
	}
	return names
}

// optionLine returns the name line [p, e) is, past list marks and before
// a closing colon, when it has an inner capital or a digit and is no
// vendor's, benchmark's, format's, catalogued model's or stopword
// (software: "WebGL:", "ONNX"); a line closed by a colon whose next line
// opens with its word and a capitalised word gives the two words, whatever
// their shape ("Acme:" over "Acme Flowmesh can detect …").
func (s *state) optionLine(p, e int) string {
	for p < e && strings.IndexByte(" *-#", s.buf[p]) >= 0 {
		p++
	}
	q := e
	for q > p && (s.buf[q-1] == ' ' || s.buf[q-1] == ':') {
		q--
	}
	if q <= p {
		return ""
	}
	if productEnd(s.buf, p) != q {
		return s.optionWords(string(s.buf[p:q]))
	}
	name := string(s.buf[p:q])
	if s.an.isFormat(name) {
		return "" // "ONNX:": a format the package ships
	}
	if next := s.buf[min(e+1, len(s.buf)):]; q < e && bytes.Contains(s.buf[q:e], []byte(":")) && bytes.HasPrefix(next, []byte(name+" ")) {
		if k := len(name) + 1; k < len(next) && isUpper(next[k]) {
			if j := productEnd(next, k); j > k {
				name += " " + string(next[k:j]) // "Acme:" over "Acme Flowmesh can detect"
			}
		}
	}
	if !strings.Contains(name, " ") && !hasInnerUpper(name) && !strings.ContainsAny(name, "0123456789") {
		return ""
	}
	if s.knownWord(name) || s.hitOverlaps(span{p, q}) && !strings.Contains(name, " ") {
		return ""
	}
	return name
}

// optionWords returns the name an option line of two to four capitalised
// words gives, past a last word that is a stopword of the lexicon ("API",
// "Model"): "Acme Portrait Depth" of "Acme Portrait Depth API". The name
// keeps two words at least and one of them written as a name (an
// acronym or an inner capital), so "Table of Contents" is none.
func (s *state) optionWords(line string) string {
	words := strings.Fields(line)
	if len(words) > 4 {
		return ""
	}
	if len(words) > 0 && s.an.c.stopwords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) < 2 || !slices.ContainsFunc(words, nameLike) {
		return ""
	}
	for _, w := range words {
		if !isUpper(w[0]) || !isAlnumWord(w) || s.an.c.stopwords[w] {
			return ""
		}
	}
	name := strings.Join(words, " ")
	if s.knownWord(name) {
		return ""
	}
	return name
}

// countBefore returns the count a number word of one or two digits
// states in gap, the words between an offer and its model noun ("3" of
// " 3 "), or 0.
func countBefore(gap []byte) int {
	n := 0
	for _, w := range bytes.Fields(gap) {
		if len(w) > 2 || !isDigit(w[0]) || len(w) == 2 && !isDigit(w[1]) {
			continue
		}
		n = int(w[0] - '0')
		if len(w) == 2 {
			n = 10*n + int(w[1]-'0')
		}
	}
	return n
}

// itemDefinesModel reports a list item's definition after its name and
// colon sp that ends on a model noun: the noun closes the item (a full
// stop, a line break or the sentence's end follow), no other model is
// named before it and no definition break stands between ("A
// state-of-the-art text-to-sound model."; not "CogVideoXモデルを含む…
// コード", "最新のモデルや技術を統合").
func (s *state) itemDefinesModel(sp, sent span) bool {
	hs := hitsIn(s.cues[cueModelNouns], sp.end, min(sent.end, sp.end+tune.introduceAfter))
	if len(hs) == 0 || !s.definesModelIn(sp, sent, tune.introduceAfter) || len(s.mentionsIn(sp.end, hs[0].start)) > 0 {
		return false
	}
	rest := bytes.TrimLeft(s.buf[hs[0].end:sent.end], " ")
	return len(rest) == 0 || rest[0] == '.' || rest[0] == '\n' || bytes.HasPrefix(rest, []byte("。"))
}

// foreignMakerIn reports a vendor named in sentence sent that does not own
// the page's repository.
func (s *state) foreignMakerIn(sent span) bool {
	owner, _ := s.repoOwnerVendor()
	for _, h := range hitsIn(s.vendorHits, sent.start, sent.end) {
		if h.idx != owner {
			return true
		}
	}
	return false
}

// listItemStart reports p opening a list item: past a list mark ("* ",
// "- ", "• ") that opens a line or follows a clause mark or another
// item.
func (s *state) listItemStart(p int) bool {
	q := p
	for q > 0 && s.buf[q-1] == ' ' {
		q--
	}
	if q == 0 || s.buf[q-1] == '\n' {
		return true
	}
	if s.buf[q-1] != '*' && s.buf[q-1] != '-' && !bytes.HasSuffix(s.buf[:q], []byte("•")) {
		return false
	}
	return true
}

// lettersOnly reports a word of ASCII letters.
func lettersOnly(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLetterASCII(w[i]) {
			return false
		}
	}
	return true
}

// unknownRepoName reports a repository name, written as the text writes
// it, that no catalog knows and that names a model: with an inner capital
// or a digit, or written in the text with a version or size after it.
func (s *state) unknownRepoName(repo string) bool {
	if s.knownWord(repo) {
		return false
	}
	if hasInnerUpper(repo) || strings.ContainsAny(repo, "0123456789") {
		return true
	}
	return s.versionedAfter(repo)
}

// calledModel reports name written in the text, as a word of its own,
// right before a model noun of the lexicon's model_nouns, in the singular
// ("the ColPali model", "ColPali模型"; "the AudioCraft models" are a
// library's), or right after one of its model_nouns_before ("Mô hình
// VietOCR").
func (s *state) calledModel(name string) bool {
	for at := range occurrences(s.buf[s.titleEnd:], name) {
		sp := span{s.titleEnd + at, s.titleEnd + at + len(name)}
		if sp.start > 0 && isAlnum(s.buf[sp.start-1]) {
			continue
		}
		for _, n := range s.an.cat.ModelNouns {
			if e := sp.end + len(n); bytes.HasPrefix(s.buf[sp.end:], []byte(n)) && (e == len(s.buf) || !isLetterASCII(s.buf[e])) {
				return true // not "the AudioCraft models", the models of a library
			}
		}
		if (sp.end == len(s.buf) || !isLetterASCII(s.buf[sp.end])) && hasSuffixIn(s.buf[:sp.start], s.an.cat.ModelNounsBefore) {
			return true // "Mô hình VietOCR"
		}
	}
	return false
}

// knownWord reports a name that is a vendor's, a benchmark's, a stem word
// or a stopword: no model of a repository's own.
func (s *state) knownWord(name string) bool {
	f := fold(name)
	if _, ok := s.an.c.vendorOfAlias[f]; ok {
		return true
	}
	_, ok := s.an.c.benchByFold[f]
	return ok || s.an.c.stemWords[strings.ToLower(name)] || s.an.c.stopwords[name]
}

// ownSpelling returns the project's name repo as the page spells it: as
// its title does (titleSpelling), or, under a title that does not name it
// (a file's name, "README.md"), as the text first writes it in another
// case ("LAC" of "baidu/lac"), or "".
func (s *state) ownSpelling(repo string) string {
	if w := s.titleSpelling(repo); w != "" || bytes.Contains(bytes.ToLower(s.buf[:s.titleEnd]), []byte(strings.ToLower(repo))) {
		return w
	}
	low := asciiLower(s.buf) // byte positions of s.buf
	for at := range occurrences(low[s.titleEnd:], strings.ToLower(repo)) {
		p := s.titleEnd + at
		e := p + len(repo)
		if (p == 0 || !isAlnum(s.buf[p-1]) && s.buf[p-1] != '/' && s.buf[p-1] != '.' && s.buf[p-1] != '-') && (e == len(s.buf) || !isAlnum(s.buf[e]) && s.buf[e] != '-' && s.buf[e] != '_' && s.buf[e] != '/' && s.buf[e] != '.') {
			return string(s.buf[p:e])
		}
	}
	return ""
}

// titleSpelling returns the word of the title that spells repository
// name repo in other case or with other joiners ("Bark" of "bark",
// "RF-DETR" of "rf-detr"), or "".
func (s *state) titleSpelling(repo string) string {
	title := s.buf[:s.titleEnd]
	f := fold(repo)
	for i := 0; i < len(title); {
		if !isAlnum(title[i]) {
			i++
			continue
		}
		j := i
		for j < len(title) && (isAlnum(title[j]) || (title[j] == '-' || title[j] == '_' || title[j] == '.') && j+1 < len(title) && isAlnum(title[j+1])) {
			j++
		}
		if fold(string(title[i:j])) == f {
			return string(title[i:j])
		}
		i = j
	}
	return ""
}

// titleSegment returns the title when it is one capitalised word of
// letters and digits that spells, in another case, one part of the
// project's name split at hyphens, underscores and dots ("Quillsong" of
// "acme-quillsong"), or "".
func (s *state) titleSegment(repo string) string {
	t := strings.TrimSpace(string(s.buf[:s.titleEnd]))
	if len(t) < 3 || !isUpper(t[0]) || !isAlnumWord(t) {
		return ""
	}
	parts := strings.FieldsFunc(repo, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(parts) < 2 {
		return ""
	}
	for _, p := range parts {
		if fold(p) == fold(t) {
			return t
		}
	}
	return ""
}

// isAlnumWord reports a word of ASCII letters and digits.
func isAlnumWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isAlnum(w[i]) {
			return false
		}
	}
	return true
}

// versionedAfter reports name written in the text with a version or size
// right after it ("Kokoro-82M", "Marlin 2").
func (s *state) versionedAfter(name string) bool {
	for at := range occurrences(s.buf[s.titleEnd:], name) {
		k := s.titleEnd + at + len(name)
		if k+1 < len(s.buf) && (s.buf[k] == '-' || s.buf[k] == ' ') && isDigit(s.buf[k+1]) || k < len(s.buf) && isDigit(s.buf[k]) {
			return true
		}
	}
	return false
}

// lowerSegment reports a hyphenated word with an all-lowercase segment:
// "KI-Start-up" and "open-source" are words, not names.
func lowerSegment(w string) bool {
	segs := strings.Split(w, "-")
	if len(segs) > 5 {
		return true
	}
	for _, seg := range segs[1:] {
		lower := len(seg) > 0
		for i := 0; i < len(seg); i++ {
			if !isLower(seg[i]) {
				lower = false
			}
		}
		if lower {
			return true
		}
	}
	return false
}

// checkpointSegments reports a hyphenated name whose lowercase segments
// belong to a checkpoint's name, as the name grammar reads them
// (lowerRunToSize): lowercase words a parameter size closes
// ("Parakeet-unified-en-0.6b"; after a version only short ones,
// "Kanana-1.5-o-8B"), or catalogued variant words after a version
// ("Moirai-2.0-R-small").
func (s *state) checkpointSegments(w string) bool {
	segs := strings.Split(w, "-")
	if len(segs) < 2 || len(segs) > 6 {
		return false
	}
	sized := isSizeWord(segs[len(segs)-1])
	versioned := segs[0] != "" && isDigit(segs[0][len(segs[0])-1]) // "R1-distilled-14B"
	for _, seg := range segs[1:] {
		switch {
		case seg == "":
			return false
		case isDigit(seg[0]):
			versioned = true
		case lettersLower([]byte(seg)):
			_, variant := s.an.c.variants[seg]
			if !(variant && versioned || sized && (!versioned || len(seg) <= 3)) {
				return false
			}
		}
	}
	return versioned || sized
}

// quotes are the marks Japanese, Chinese and Korean news put around a new
// product's name (the first two, CJK corner brackets, mark names only): 「japanese-large-lm」, 『…』, ‘…’, '…'.
var quotes = [][2][]byte{{[]byte("「"), []byte("」")}, {[]byte("『"), []byte("』")}, {[]byte("‘"), []byte("’")}, {[]byte("“"), []byte("”")}, {[]byte("'"), []byte("'")}}

// quotedNames adds Latin names quoted whole in [lo, hi) as discovered
// stems, whatever their case: a quoted name beside a release verb is the
// product.
func (s *state) quotedNames(lo, hi int, stems *stemList) {
	text := s.buf[lo:hi]
	for qi, q := range quotes {
		for i := 0; ; {
			j := bytes.Index(text[i:], q[0])
			if j < 0 {
				break
			}
			start := i + j + len(q[0])
			k := bytes.Index(text[start:], q[1])
			if k < 0 || k > 40 {
				i = start
				continue
			}
			name := text[start : start+k]
			i = start + k + len(q[1])
			if s.covered(span{lo + start, lo + start + k}) || s.hitOverlaps(span{lo + start, lo + start + k}) {
				continue
			}
			if run := nativeVersioned(name); run != "" {
				stems.addVersioned(run) // 「ツグミ2」, '가람 2'
				continue
			}
			if !quotedProduct(name) {
				continue
			}
			w := string(name)
			if s.an.c.stopwords[w] || !isAlnum(name[len(name)-1]) {
				continue // "DWTS."
			}
			// Latin quotes mark words and titles too ("'high-end'"): the
			// name must read as a model's.
			if qi >= 2 && !hasDigit(w) && !hasInnerUpper(w) && !s.morphemePart(w) &&
				(!s.modelNounBeside(span{lo + start, lo + start + k}) || lowerWord(w)) {
				continue // "a 'thinking' model"
			}
			if _, ok := s.an.c.vendorOfAlias[fold(w)]; ok {
				continue
			}
			// The whole quoted name ("tanuki-lm"), up to a spaced
			// version, which its mentions read as the name's part
			// (「Mizuha-Embed 2」).
			w, _, _ = strings.Cut(w, " ")
			stems.add(w)
		}
	}
}

// hubIDs adds as stems the lowercase hub ids that start in [lo, hi) right
// after a model noun ("埋め込みモデル kotoba-clip-base-v2", "the embedding
// models marlin-embed-base-v3", "mô hình nhúng sen-embed-base-v2"), past
// a few plain words that qualify the noun, and the ids a list joins to
// them ("… と kotoba-clip-large-v2"): with no capital to mark them as
// names, the noun before them does.
func (s *state) hubIDs(lo, hi int, stems *stemList) {
	sent := s.sents[s.sentenceAt(lo)]
	for _, h := range hitsIn(s.cues[cueModelNouns], max(sent.start, lo-tune.nounAfter), hi) {
		p := s.pastPlainWords(h.end, min(hi, h.end+tune.nounAfter))
		for n := 0; n < maxChain && p >= lo && p < hi; n++ {
			e := hubIDEnd(s.buf, p)
			if e == p {
				break
			}
			if sp := (span{p, e}); !s.covered(sp) && !s.hitOverlaps(sp) {
				stems.add(string(s.buf[p:e]))
			}
			q := listJoin(s.buf, e, s.an.cat.ListLinks)
			if q == e {
				break
			}
			p = q
		}
	}
}

// pastPlainWords returns where the first word at or after p that is not
// a plain word of letters begins, before end: "nhúng " of "mô hình nhúng
// sen-embed-base-v2", "embedding " of "the embedding model". It returns
// end when none begins before end.
func (s *state) pastPlainWords(p, end int) int {
	for p < end {
		if s.buf[p] == ' ' {
			p++
			continue
		}
		q := p
		for q < end {
			r, n := utf8.DecodeRune(s.buf[q:])
			if !unicode.Is(unicode.Latin, r) {
				break
			}
			q += n
		}
		if q == p || q < len(s.buf) && s.buf[q] != ' ' {
			return p
		}
		p = q
	}
	return end
}

// hubIDEnd returns the end of a model hub's lowercase id starting at i
// ("clip-japanese-base-v2", "marlin-embed-small-v3"), or i: lowercase
// letters and digits in two to six hyphenated parts, the first of letters,
// a later one with a digit (a version or a size, "v2", "7b", where there
// are only two parts), and no path or address around it.
func hubIDEnd(buf []byte, i int) int {
	if i >= len(buf) || !isLower(buf[i]) || !leftOK(buf, i) || i > 0 && (buf[i-1] == '/' || buf[i-1] == '@') {
		return i
	}
	j, parts, digitLater, firstLetters, mixed := i, 1, false, true, false
	for j < len(buf) {
		c := buf[j]
		switch {
		case isLower(c):
		case isDigit(c):
			if parts == 1 {
				firstLetters = false
			} else {
				digitLater = true
				mixed = mixed || isLower(buf[j-1]) || j+1 < len(buf) && isLower(buf[j+1])
			}
		case (c == '-' || c == '.') && j+1 < len(buf) && (isLower(buf[j+1]) || isDigit(buf[j+1])):
			if c == '-' {
				parts++
			}
		default:
			goto end
		}
		j++
	}
end:
	if j < len(buf) && (buf[j] == '/' || buf[j] == '@' || isLetterASCII(buf[j]) || buf[j] == '_') {
		return i // a path, an address, or an id with capitals
	}
	if parts < 2 || parts > 6 || !digitLater || !firstLetters || j-i > 48 || parts == 2 && !mixed {
		return i // not "utf-8", "covid-19": two parts need a version or a size ("bge-m3")
	}
	return j
}

// spacedVersionAt reports a version number after one space at p: one or
// two digits, maybe a point and more digits, that end the word
// ("HC-Reason 2", "Tern-X 1.5"), not a year ("2026").
func spacedVersionAt(buf []byte, p int) bool {
	if p+1 >= len(buf) || buf[p] != ' ' || !isDigit(buf[p+1]) {
		return false
	}
	q := p + 1
	for q < len(buf) && isDigit(buf[q]) {
		q++
	}
	if q-p-1 > 2 {
		return false
	}
	if q+1 < len(buf) && buf[q] == '.' && isDigit(buf[q+1]) {
		for q++; q < len(buf) && isDigit(buf[q]); q++ {
		}
	}
	return q == len(buf) || !isAlnum(buf[q])
}

// spacedNumberAt reports a number at p or after one space there.
func spacedNumberAt(buf []byte, p int) bool {
	if p < len(buf) && buf[p] == ' ' {
		p++
	}
	return p < len(buf) && isDigit(buf[p])
}

// nativeVersioned returns the native word of a quoted name written as a
// Hangul, Katakana or Han word and a version number ("ツグミ2", "가람 2",
// "天枢 3.5"), or "": a new model's name as news in those languages
// quotes it, before its sizes ("가람 2 14B").
func nativeVersioned(b []byte) string {
	e := len(b)
	for e > 0 && (isDigit(b[e-1]) || b[e-1] == '.') {
		e--
	}
	if e == len(b) || e == 0 || !isDigit(b[e]) || b[len(b)-1] == '.' || strings.Count(string(b[e:]), ".") > 1 {
		return ""
	}
	w := e
	if b[w-1] == ' ' {
		w--
	}
	if st := nativeRunBefore(b, w); st != 0 {
		return ""
	}
	return string(b[:w])
}

// lowerWord reports a word of lowercase letters only: an ordinary word
// however it is quoted.
func lowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLower(w[i]) {
			return false
		}
	}
	return w != ""
}

// quotedProduct reports a quoted string that can be a product name: Latin
// letters, digits, hyphens and dots, with at least three letters.
func quotedProduct(b []byte) bool {
	letters := 0
	for i, c := range b {
		switch {
		case isLetterASCII(c):
			letters++
		case isDigit(c) || c == '-' || c == '.' || c == '_':
		case c == ' ' && i > 0 && i+1 < len(b) && isDigit(b[i+1]) && isLetterASCII(b[i-1]):
			// a version spaced from the name: 「Mizuha-Embed 2」
		default:
			return false
		}
	}
	return letters >= 3 && isAlnum(b[0])
}

// datasetLike reports names of benchmarks and datasets rather than models,
// holding a part of the lexicon's dataset_parts: "OmniDocBench",
// "MedEval", "ChineseQA".
func (an *Analyzer) datasetLike(w string) bool {
	for _, suf := range an.cat.DatasetParts {
		if strings.Contains(w, suf) {
			return true
		}
	}
	return false
}

// dashAt reports a dash opening an apposition at i: "Orion — a bilingual
// model", "Orion – …", "Orion - …".
func dashAt(buf []byte, i int) bool {
	rest := bytes.TrimLeft(buf[i:min(len(buf), i+4)], " ")
	return bytes.HasPrefix(rest, []byte("—")) || bytes.HasPrefix(rest, []byte("–")) || bytes.HasPrefix(rest, []byte("- "))
}

// afterModelNoun returns where the name starts that a model noun at p
// introduces ("mô hình ngôn ngữ lớn Saola 3", "the model Mercury"): the
// first capitalised word within a few lowercase words after the noun. The
// noun may follow its modifiers, and the name the noun then
// ("the sentiment model KORA", "情感预训练模型KORA"). A capitalised noun
// is a heading's word, and the capitalised word after it the heading's
// next one, no name.
func (s *state) afterModelNoun(p, end int) (int, bool) {
	hs := hitsIn(s.cues[cueModelNouns], p, min(end, p+1))
	if len(hs) == 0 {
		// After its modifiers, the noun is followed right by the name
		// ("情感预训练模型SKEP"), not by more words ("…大模型，涵盖了NLP").
		hs = hitsIn(s.cues[cueModelNouns], p, min(end, p+tune.nounBefore))
		if len(hs) == 0 || !s.nounModifiers(p, hs[0].start) {
			return p, false
		}
		q := hs[0].end
		for q < end && s.buf[q] == ' ' {
			q++
		}
		return q, q < end && latinUpperAt(s.buf, q)
	}
	if titleCased(s.buf[hs[len(hs)-1].start:hs[len(hs)-1].end]) {
		return p, false // "Released Models Description and Download": a heading's words
	}
	q := hs[len(hs)-1].end
	for q < end && q < hs[0].end+tune.nounAfter {
		c := s.buf[q]
		switch {
		case latinUpperAt(s.buf, q):
			return q, true
		case c == ',' || c == '.' || c == ';' || c == ':' || c == '(' || isDigit(c):
			return p, false
		}
		_, n := utf8.DecodeRune(s.buf[q:])
		q += n
	}
	return p, false
}

// titleCased reports a Latin noun written with its capital ("Models"),
// as a heading writes every word: the capitalised word after it goes on
// with the heading, it names nothing.
func titleCased(noun []byte) bool {
	noun = bytes.TrimLeft(noun, " ")
	return len(noun) > 1 && isUpper(noun[0]) && isLower(noun[1])
}

// nounModifiers reports the words in [p, q) before a model noun as its
// modifiers ("sentiment pre-training" of "the sentiment pre-training model
// KORA", "情感预训练" of "情感预训练模型KORA"): letters, spaces and hyphens
// only, no model named and no definition break ("the code and model …").
func (s *state) nounModifiers(p, q int) bool {
	gap := s.buf[p:q]
	for _, r := range string(gap) {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' {
			return false
		}
	}
	return len(s.mentionsIn(p, q)) == 0 && !hasAnyFold(gap, s.an.cat.DefinitionBreaks)
}

// objectName adds the plain capitalised name a release verb introduces when
// an apposition calls it a model: "released Mercury, a diffusion LLM".
// Names with digits or inner capitals are found anyway; this is for the
// plain ones.
func (s *state) objectName(p, end int, stems *stemList) {
	for q := p; q < end && q < p+40; {
		switch {
		case s.buf[q] == ' ':
			q++
			continue
		}
		skipped := false
		for _, d := range s.an.cat.Determiners { // "the ", "open-weight "
			if bytes.HasPrefix(s.buf[q:end], []byte(d)) {
				q += len(d)
				skipped = true
				break
			}
		}
		if skipped {
			continue
		}
		p = q
		break
	}
	// A model noun before the name calls it a model: "công bố mô hình
	// ngôn ngữ lớn Saola 3", "released the language model Mercury".
	named := false
	if q, ok := s.afterModelNoun(p, end); ok {
		p, named = q, true
	}
	if p >= end || !latinUpperAt(s.buf, p) {
		return
	}
	w, words := s.spacedWords(p, end)
	if e := s.makerVariantAt(p, end); e > p {
		// "Viettel Vision 2": the maker's name and a variant word name
		// its model; the grammar reads the version after them.
		w, words = e, 2
	} else if s.covered(span{p, w}) || s.hitOverlaps(span{p, w}) {
		return
	}
	name := string(s.buf[p:w])
	if utf8.RuneCountInString(name) < 3 || s.an.c.stopwords[name] {
		return
	}
	if _, ok := s.an.c.vendorOfAlias[fold(name)]; ok {
		return
	}
	if w+1 < end && s.buf[w] == ' ' && isDigit(s.buf[w+1]) {
		// "Saola 3": a short version written after a space; a name of
		// several words may take a size too ("Sao Khuê 8B").
		v := wordEnd(s.buf, w+1)
		if v := string(s.buf[w+1 : v]); !isShortVersion(v) && (words < 2 || !isSizeWord(v)) {
			return
		}
		w = v
	} else if words > 1 || !asciiOnly(name) {
		return // words with diacritics or several words name a model only with a version: not "tiếng Việt"
	}
	if named {
		stems.add(name)
		return
	}
	// An apposition ("Mercury, a diffusion LLM") or a noun right after
	// ("Mercury model") must call it a model.
	switch {
	case w < end && (s.buf[w] == ',' || s.buf[w] == '(' || s.buf[w] == ':' || dashAt(s.buf, w)):
		if s.cueDistance(cueModelNouns, w, w, 0, 60, false) < 0 {
			return
		}
	case w < end && s.buf[w] == ' ':
		if s.cueDistance(cueModelNouns, w, w, 0, 2, false) < 0 || w+1 < end && isUpper(s.buf[w+1]) {
			return // "Foundation Models 2027": a capitalised noun is the name's own word
		}
	default:
		return
	}
	stems.add(name)
}

// latinUpperAt reports a capital Latin letter at i, with or without
// diacritics: "Saola", "Ánh".
func latinUpperAt(buf []byte, i int) bool {
	r, _ := utf8.DecodeRune(buf[i:])
	return unicode.IsUpper(r) && unicode.Is(unicode.Latin, r)
}

// latinWordEnd returns the end of a word of Latin letters (with or
// without diacritics: "Khuê"), digits, inner hyphens and dots between
// digits, starting at i.
func latinWordEnd(buf []byte, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRune(buf[i:])
		switch {
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) || isDigit(buf[i]):
			i += n
		case (r == '-' || r == '.') && i+1 < end && isAlnum(buf[i+1]) && (r == '-' || i > 0 && isDigit(buf[i-1]) && isDigit(buf[i+1])):
			i++
		default:
			return i
		}
	}
	return i
}

// spacedWords reads a plain name of one to three capitalised Latin words
// starting at p ("Mercury", "Sao Khuê"): it returns the name's end and the
// number of words. A later word joins only when a digit follows it after a
// space, so the words are a name with a version or size ("Sao Khuê 8B"),
// not a phrase; variant words, stopwords and makers' names never join,
// but a type word does before a version ("Zalo LLM 3").
func (s *state) spacedWords(p, end int) (int, int) {
	w := latinWordEnd(s.buf, p, end)
	words, e := 1, w
	for words < 3 && e+1 < end && s.buf[e] == ' ' && latinUpperAt(s.buf, e+1) {
		n := latinWordEnd(s.buf, e+1, end)
		word := string(s.buf[e+1 : n])
		if n+1 < end && s.buf[n] == ' ' && isDigit(s.buf[n+1]) && slices.Contains(s.an.cat.TypeWordsLatin, word) {
			return n, words + 1 // "Zalo LLM 3": a type word before the version is part of the name
		}
		if _, variant := s.an.c.variants[strings.ToLower(word)]; variant || s.an.c.stopwords[word] {
			break // a variant word is the name grammar's to read: "Nova Lite 2"
		}
		if _, ok := s.an.c.vendorOfAlias[fold(word)]; ok {
			break
		}
		e = n
		words++
		if e+1 < end && s.buf[e] == ' ' && isDigit(s.buf[e+1]) {
			return e, words
		}
	}
	return w, 1
}

// makerVariantAt returns the end of a vendor's name at p followed by a
// spaced variant word with a version after it ("Viettel Vision 2"): a model
// its maker names after itself. It returns p when none is there, and for a
// name the catalog covers.
func (s *state) makerVariantAt(p, end int) int {
	hs := hitsIn(s.vendorHits, p, p+1)
	if len(hs) == 0 || hs[0].start != p || s.covered(span{p, hs[0].end}) {
		return p
	}
	e := hs[0].end
	if e+1 >= end || s.buf[e] != ' ' || !isUpper(s.buf[e+1]) {
		return p
	}
	w := wordEnd(s.buf, e+1)
	if v, ok := s.an.c.variants[strings.ToLower(string(s.buf[e+1:w]))]; !ok || !v.spaced {
		return p
	}
	if w+1 >= end || s.buf[w] != ' ' || !isDigit(s.buf[w+1]) {
		return p
	}
	return w
}

// asciiOnly reports a string of ASCII bytes only.
func asciiOnly(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ownerModelID reports a model the text names by its hub id under the
// repository owner's handle, right after a model noun ("发布了中文匹配模型
// acme/text2vec-large-chinese", "the embedding model acme/wren-embed-v2"):
// the owner publishes models of its own, whatever other makers the page
// names.
func (s *state) ownerModelID(owner string) bool {
	pat := []byte(owner + "/")
	for _, h := range s.cues[cueModelNouns] {
		p := h.end
		for p < len(s.buf) && s.buf[p] == ' ' {
			p++
		}
		if bytes.HasPrefix(s.buf[p:], pat) && p+len(pat) < len(s.buf) && isAlnum(s.buf[p+len(pat)]) {
			return true
		}
	}
	return false
}

// projectMakerNamed adds the organisation no catalog knows that a
// project's page names as the project's maker after a maker phrase (the
// lexicon's maker_phrases), in a sentence naming the project:
// "Bilingual and Crosslingual Embedding (BCEmbedding), developed by NetEase
// Youdao, …" at pypi.org/project/bcembedding. The name is one capitalised
// word ("created by Suno"), or up to three that end in an organisation
// suffix ("Wren Labs") or fold to a handle the page writes in a
// repository's address ("github.com/netease-youdao/…"): "developed by Ada
// Lovelace" names a person, no organisation.
func (s *state) projectMakerNamed() {
	_, project, _, ok := s.project()
	if !ok {
		return
	}
	f := fold(project)
	for _, sent := range s.sents {
		text := s.buf[sent.start:sent.end]
		for _, ph := range s.an.cat.MakerPhrases {
			j := bytes.Index(text, []byte(ph))
			if j < 0 || !namesProject(text, f) {
				continue
			}
			p := sent.start + j + len(ph)
			if name := s.makerNameAt(p, sent.end); name != "" {
				s.addVendor(name, p)
				return
			}
		}
	}
}

// namesProject reports text naming a project whose name folds to f: a
// word of text that folds to it, or for a name of more than four letters
// the folded text holding it ("pyannote.audio").
func namesProject(text []byte, f string) bool {
	if len(f) > 4 {
		return strings.Contains(fold(string(text)), f)
	}
	for _, w := range bytes.FieldsFunc(text, func(r rune) bool { return r < utf8.RuneSelf && !isAlnum(byte(r)) }) {
		if fold(string(w)) == f {
			return true
		}
	}
	return false
}

// makerNameAt returns the maker's name that starts at p, before end: one
// to three capitalised words no catalog knows, ending the sentence, a
// clause (",", ";", ")") or before a lower-case word; more than one word
// only where the last is an organisation suffix or they fold to a handle
// of a repository address on the page.
func (s *state) makerNameAt(p, end int) string {
	q, words := p, 0
	for words < 3 && q < end && isUpper(s.buf[q]) {
		w := wordEnd(s.buf, q)
		for w+1 < end && s.buf[w] == '-' && isAlnum(s.buf[w+1]) {
			w = wordEnd(s.buf, w+1) // "Hugging-Face"
		}
		word := s.buf[q:w]
		if _, suffix := s.an.c.orgSuffixes[string(word)]; s.an.c.stopwords[string(word)] && (words == 0 || !suffix) || w-q < 2 {
			return "" // "the Transformers team"; "Wren Labs" is a name
		}
		words++
		q = w
		if q+1 < end && s.buf[q] == ' ' && isUpper(s.buf[q+1]) {
			q++
			continue
		}
		break
	}
	if words == 0 || q < end && s.buf[q] != ' ' && !bytes.ContainsRune([]byte(",.;:)"), rune(s.buf[q])) {
		return ""
	}
	if q+1 < end && s.buf[q] == ' ' && !isLower(s.buf[q+1]) {
		return ""
	}
	name := string(s.buf[p:q])
	if _, known := s.an.c.vendorOfAlias[fold(name)]; known || s.knownVendorIn(name) {
		return ""
	}
	if words > 1 && !s.addressHandle(fold(name)) {
		if _, suffix := s.an.c.orgSuffixes[name[strings.LastIndexByte(name, ' ')+1:]]; !suffix {
			return ""
		}
	}
	return name
}

// copiedRepo reports a repository page whose text gives the address of
// a repository of the same name under another owner on a code host
// ("git clone https://github.com/FunAudioLLM/CosyVoice.git" on
// lucasjinreal/CosyVoice): the page is a fork or a repackaging, and its
// owner made none of the models it names.
func (s *state) copiedRepo(owner, repo string) bool {
	text := strings.ToLower(s.a.Text)
	owner, repo = strings.ToLower(owner), strings.ToLower(repo)
	for _, host := range codeHosts {
		for _, a := range addresses(text, host, 200) {
			if a.owner == owner {
				continue
			}
			rest := a.rest
			if e := strings.IndexFunc(rest, func(r rune) bool { return !isLetterOrDigit(r) && r != '-' && r != '_' && r != '.' }); e >= 0 {
				rest = rest[:e]
			}
			if strings.TrimSuffix(rest, ".git") == repo {
				return true
			}
		}
	}
	return false
}

// address is one web address of a host the text writes: the owner's
// handle right after the host, and the rest of the address (cut to the
// window addresses reads).
type address struct{ owner, rest string }

// addresses returns the addresses of host ("github.com",
// "huggingface.co") in text that go on with an owner and a slash, the
// owner holding no space, reading at most window bytes after the host.
func addresses(text, host string, window int) []address {
	var out []address
	pat := host + "/"
	for i := 0; ; {
		j := strings.Index(text[i:], pat)
		if j < 0 {
			return out
		}
		i += j + len(pat)
		o, rest, ok := strings.Cut(text[i:min(len(text), i+window)], "/")
		if ok && o != "" && !strings.ContainsAny(o, " \n") {
			out = append(out, address{o, rest})
		}
	}
}

// makerHandle returns the handle of the organisation that publishes a
// repository's models: where the text writes the owner's handle only in
// addresses, a Hugging Face organisation named after the repository whose
// address the text writes ("huggingface.co/wren/wren-7b" on
// github.com/jdoe/wren: one person's repository, the project's
// organisation its models' maker); else the owner's handle as the text
// spells it ("由……中心（ACME-LAB）" names the owner as the maker).
func (s *state) makerHandle(owner, repo string) string {
	text, f := s.a.Text, fold(repo)
	if handleWritten(text, owner) {
		return s.ownerSpelling(owner)
	}
	for _, a := range addresses(text, "huggingface.co", 100) {
		if fold(a.owner) == f && fold(a.owner) != fold(owner) {
			return a.owner
		}
	}
	return s.ownerSpelling(owner)
}

// handleWritten reports text that writes a handle outside an address: not
// after or before a slash, not inside a longer word.
func handleWritten(text, handle string) bool {
	low, h := strings.ToLower(text), strings.ToLower(handle)
	for i := 0; ; {
		j := strings.Index(low[i:], h)
		if j < 0 {
			return false
		}
		p, q := i+j, i+j+len(h)
		i = q
		before := p > 0 && (isAlnum(low[p-1]) || strings.IndexByte("/.-_@", low[p-1]) >= 0)
		after := q < len(low) && (isAlnum(low[q]) || strings.IndexByte("/.-_", low[q]) >= 0)
		if !before && !after {
			return true
		}
	}
}

// addressHandle reports a handle that folds to f in the page's address
// or in a repository address the text writes ("github.com/netease-youdao/
// BCEmbedding", "git@github.com:netease-youdao/…").
func (s *state) addressHandle(f string) bool {
	if owner, _, ok := repoURL(s.a.URL); ok && fold(owner) == f {
		return true
	}
	for _, host := range repoHosts {
		for _, sep := range []string{"/", ":"} {
			pat := []byte(host + sep)
			for i := 0; ; {
				j := bytes.Index(s.buf[i:], pat)
				if j < 0 {
					break
				}
				st := i + j + len(pat)
				e := st
				for e < len(s.buf) && (isAlnum(s.buf[e]) || s.buf[e] == '-' || s.buf[e] == '_') {
					e++
				}
				if e > st && fold(string(s.buf[st:e])) == f {
					return true
				}
				i = st
			}
		}
	}
	return false
}

// quotedHubOrgNamed adds the organisation no catalog knows whose hub ids a
// project's page quotes in its code, at least twice and under no other
// organisation ('from_pretrained("acme/Wren-6B")', '"acme/WrenFold"'),
// where the text also writes it as a capitalised word of its own ("Acme
// values open science"): the publisher of the models the page offers. A
// page naming a catalogued vendor or model is read by the catalog.
func (s *state) quotedHubOrgNamed() {
	if _, _, _, ok := s.project(); !ok {
		return
	}
	text := s.a.Text
	counts := map[string]int{}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '"')
		if j < 0 {
			break
		}
		p := i + j + 1
		i = p
		e := p
		for e < len(text) && (isAlnum(text[e]) || text[e] == '-' || text[e] == '_') {
			e++
		}
		if e > p && e+1 < len(text) && text[e] == '/' && isAlnum(text[e+1]) {
			counts[text[p:e]]++
		}
	}
	if len(counts) != 1 {
		return // none, or two publishers: no one maker
	}
	for org, n := range counts {
		if name := s.capitalisedWord(fold(org)); n >= 2 && !s.hostOwner(org) && name != "" {
			s.addVendor(name, 0)
		}
	}
}

// capitalisedWord returns a capitalised word of the text, outside
// addresses and code names, that folds to f, or "".
func (s *state) capitalisedWord(f string) string {
	text := s.a.Text
	for p := 0; p < len(text); p++ {
		if !isUpper(text[p]) || p > 0 && (isAlnum(text[p-1]) || strings.IndexByte("/.-_@\"", text[p-1]) >= 0) {
			continue
		}
		q := p
		for q < len(text) && isAlnum(text[q]) {
			q++
		}
		if fold(text[p:q]) == f && (q == len(text) || strings.IndexByte("/.-_\"(", text[q]) < 0 || text[q] == '.' && (q+1 == len(text) || !isAlnum(text[q+1]))) {
			return text[p:q]
		}
		p = q
	}
	return ""
}

// projectOrgNamed adds the organisation a project's page names by the
// project's name and "AI", written on or apart ("built-in support for
// pyannoteAI premium …" at pypi.org/project/pyannote.audio, "winget
// install --id UnslothAI.Unsloth" at github.com/unslothai/unsloth): the
// company behind the project. A name the catalog knows as a family or a
// vendor is read by the catalog ("EXAONE AI Model License"), and "AI"
// before another capitalised word opens a product's name.
func (s *state) projectOrgNamed() {
	_, project, _, ok := s.project()
	if !ok {
		return
	}
	stem := project
	if i := strings.IndexAny(stem, ".-_"); i > 0 {
		stem = stem[:i]
	}
	if len(stem) < 4 || s.knownWord(stem) {
		return
	}
	low := bytes.ToLower(s.buf)
	pat := []byte(strings.ToLower(stem))
	for i := s.titleEnd; ; {
		j := bytes.Index(low[i:], pat)
		if j < 0 {
			return
		}
		p := i + j
		q := p + len(pat)
		i = q
		if p > 0 && (isAlnum(s.buf[p-1]) || bytes.IndexByte([]byte("/.-_@"), s.buf[p-1]) >= 0) {
			continue // a word's tail, an address, a path
		}
		e := q
		if e < len(s.buf) && s.buf[e] == ' ' {
			e++
		}
		if !bytes.HasPrefix(s.buf[e:], []byte("AI")) || e+2 < len(s.buf) && (isAlnum(s.buf[e+2]) || s.buf[e+2] == '-') {
			continue
		}
		if e+3 < len(s.buf) && s.buf[e+2] == ' ' && isUpper(s.buf[e+3]) {
			continue // "Acme AI Studio": a product
		}
		s.addVendor(string(s.buf[p:e+2]), p)
		return
	}
}

// codeHost reports the address of a page on a code host (codeHosts).
func codeHost(u string) bool {
	rest, _ := withoutScheme(u)
	host, _, _ := strings.Cut(rest, "/")
	return slices.Contains(codeHosts, strings.TrimPrefix(host, "www."))
}

// readmeFolder returns the folder below a repository's root that holds
// the README a code host's address shows: "xlmr" of
// "github.com/pytorch/fairseq/blob/main/examples/xlmr/README.md". A
// framework keeps one README per model in such folders; "" for a README
// at the root or any other address.
func readmeFolder(u string) string {
	rest, ok := withoutScheme(u)
	if !ok {
		return ""
	}
	_, path, _ := strings.Cut(rest, "/")
	if !codeHost(u) {
		return ""
	}
	parts := slices.DeleteFunc(strings.Split(path, "/"), func(p string) bool { return p == "-" || p == "" })
	// owner, repository, "blob" or "tree", branch, folders, file
	if len(parts) < 6 || parts[2] != "blob" && parts[2] != "tree" || !strings.HasPrefix(strings.ToLower(parts[len(parts)-1]), "readme") {
		return ""
	}
	if dir := parts[len(parts)-2]; repoName(dir) {
		return dir
	}
	return ""
}

// folderModel returns the model a README kept in a folder of its own
// (readmeFolder) is about: the folder's name as the text spells it
// ("XLM-R" of "xlmr", "data2vec"), written like a name (a digit, or
// capitals past its first letter: not "translation"), no catalog's word
// and no model already read, that opens a line or a sentence of a text
// about AI: the README's subject ("XLS-R is a set of large-scale models").
func (s *state) folderModel() (string, bool) {
	dir := readmeFolder(s.a.URL)
	if len(dir) < 3 || !s.aboutAI {
		return "", false
	}
	for sp := range s.spellings(fold(dir), s.titleEnd, len(s.buf)) {
		w := string(s.buf[sp.start:sp.end])
		if !nameLike(w) || s.knownWord(w) || s.an.datasetLike(w) || s.covered(sp) || s.hitOverlaps(sp) {
			continue
		}
		if s.opensSentence(sp) {
			return w, true
		}
	}
	return "", false
}

// folderAcronym returns the initials a README kept in a folder of its own
// (readmeFolder) gives its subject, where the text spells the folder's
// hyphenated words out capitalised with the initials in brackets after
// them, past any other bracket ("The Quill Sentence Coder (Doe et al.,
// 2018) (QSC)" in …/quill-sentence-coder/README.md), and defines that as a
// model ("(QSC) is a model that encodes text"): the page's own model,
// read under its initials ("QSC lite").
func (s *state) folderAcronym() string {
	words := strings.Split(readmeFolder(s.a.URL), "-")
	if len(words) < 2 {
		return ""
	}
	var spelled, initials strings.Builder
	for i, w := range words {
		if w == "" || !lettersOnly(w) {
			return ""
		}
		if i > 0 {
			spelled.WriteByte(' ')
		}
		spelled.WriteString(strings.ToUpper(w[:1]) + w[1:])
		initials.WriteString(strings.ToUpper(w[:1]))
	}
	long, short := spelled.String(), initials.String()
	for at := range occurrences(s.buf[s.titleEnd:], long) {
		p := s.titleEnd + at + len(long)
		for range 3 {
			for p < len(s.buf) && s.buf[p] == ' ' {
				p++
			}
			if p >= len(s.buf) || s.buf[p] != '(' {
				break
			}
			e := bytes.IndexByte(s.buf[p:], ')')
			if e < 0 || e > tune.nounAfter {
				break
			}
			if string(s.buf[p+1:p+e]) == short {
				sp := span{p, p + e + 1}
				if s.copulaAfter(sp) && s.definesModel(sp, s.sents[s.sentenceAt(p)]) {
					return short
				}
				break
			}
			p += e + 1
		}
	}
	return ""
}

// acronymVariants returns the names the text writes as initials and one
// word after a space that is a variant word of the lexicon in any case
// ("QSC lite") or is written like a name and defined with it: bracketed
// or before a definition copula ("(QSC QnA) is a model"): the variants
// of a model the page names by its initials (folderAcronym). A format or
// a not_model_parts word after the initials, or an undefined one ("the
// QSC WebGL backend"), names something else.
func (s *state) acronymVariants(short string) []string {
	var out []string
	for at := range occurrences(s.buf[s.titleEnd:], short+" ") {
		p := s.titleEnd + at
		if p > 0 && isAlnum(s.buf[p-1]) {
			continue
		}
		q := p + len(short) + 1
		e := wordEnd(s.buf, q)
		if e == q || e < len(s.buf) && (isAlnum(s.buf[e]) || s.buf[e] == '-') {
			continue
		}
		w := string(s.buf[q:e])
		if s.an.c.stopwords[w] || s.an.isFormat(w) || s.an.c.notModelParts[strings.ToLower(w)] {
			continue
		}
		name := short + " " + w
		if !s.variantWord(strings.ToLower(w)) && !(nameLike(w) && s.definedName(name)) {
			continue
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// definedName reports name written in brackets ("(QSC QnA)") or right
// before a definition copula of the lexicon ("QSC QnA is a model").
func (s *state) definedName(name string) bool {
	for _, b := range []string{"(" + name + ")", "（" + name + "）"} {
		if bytes.Contains(s.buf, []byte(b)) {
			return true
		}
	}
	for _, c := range s.an.cat.DefinitionCopulas {
		if bytes.Contains(s.buf, []byte(name+c)) {
			return true
		}
	}
	return false
}

// nameLike reports a word written as a name, not an ordinary word: with a
// digit ("data2vec") or a capital past its first letter ("XGLM",
// "RoBERTa", "XLS-R").
func nameLike(w string) bool {
	if hasDigit(w) {
		return true
	}
	for i := 1; i < len(w); i++ {
		if isUpper(w[i]) {
			return true
		}
	}
	return false
}

// opensSentence reports name sp at the start of its sentence or of its
// line, past list marks.
func (s *state) opensSentence(sp span) bool {
	lo := s.sents[s.sentenceAt(sp.start)].start
	if k := bytes.LastIndexByte(s.buf[lo:sp.start], '\n'); k >= 0 {
		lo += k + 1
	}
	return len(bytes.Trim(s.buf[lo:sp.start], " *-•")) == 0
}

// spellings yields the words in [lo, hi) whose fold is f: letters and
// digits joined by hyphens, underscores or points ("XLM-R" for "xlmr").
func (s *state) spellings(f string, lo, hi int) iter.Seq[span] {
	return func(yield func(span) bool) {
		for i := lo; i < hi; {
			if !isAlnum(s.buf[i]) {
				i++
				continue
			}
			j := i
			for j < hi && (isAlnum(s.buf[j]) || (s.buf[j] == '-' || s.buf[j] == '_' || s.buf[j] == '.') && j+1 < hi && isAlnum(s.buf[j+1])) {
				j++
			}
			if (i == 0 || !isAlnum(s.buf[i-1])) && fold(string(s.buf[i:j])) == f && !yield(span{i, j}) {
				return
			}
			i = j
		}
	}
}

// formatNamed reports a hub owner or a repository named after a weight
// format of the lexicon ("mlx-community", "onnx-community", "gguf-org";
// "mlx-audio", "ggml"; a format the lexicon spells in capitals or one
// read by its shape, "int4"): a community that converts other makers'
// models, or a runtime that ports them, whose owner makes none of the
// models the page offers.
func (an *Analyzer) formatNamed(name string) bool {
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if an.isFormat(part) && !an.wordFormat(part) {
			return true
		}
	}
	return false
}

// runtimeNamed reports a repository named after a weight format first
// ("mlx-audio", "gguf-py"): a runtime that ports other makers' models. A
// repository whose name ends with a format ("Wren3-8B-FP8", "…-GGUF") is
// a maker's own converted checkpoint, and its page the maker's card.
func (an *Analyzer) runtimeNamed(repo string) bool {
	first, _, _ := strings.Cut(repo, "-")
	first, _, _ = strings.Cut(first, "_")
	first, _, _ = strings.Cut(first, ".")
	return first != repo && an.formatNamed(first)
}

// wordFormat reports a format of the lexicon spelt as a word, not in
// capitals ("Unsloth", "Dynamic", "Diffusers"): a packaging part of a
// checkpoint's name, and a project's or a word's too.
func (an *Analyzer) wordFormat(part string) bool {
	for _, f := range an.cat.Formats {
		if strings.EqualFold(f, part) {
			return strings.ToUpper(f) != f
		}
	}
	return false
}

// ownModelHubOwner returns the one owner of the hub ids the text writes
// for the models it introduces ("Datadog/Toto-Open-Base-1.0" of a README
// introducing Toto, "--hf-checkpoint Aratako/Irodori-TTS-v4.1-Small"):
// the publisher of the page's own checkpoints, whether or not it owns the
// page's repository (a README vendored into another project). Only ids
// that name a checkpoint of an introduced model count: a name that begins
// with the model's as the text spells it, and is longer ("examples/data2vec"
// is a folder, "outputs/irodori_tts_lora" a path); an owner of fewer than
// three in four of them is none (two publishers name no one maker), and
// so is an owner named after the model ("parler-tts/parler-tts-mini", a
// project's handle, no maker's). It returns the owner and the names of its
// ids, the page's own checkpoints; "" when none.
func (s *state) ownModelHubOwner(names []string) (string, []string) {
	if len(names) == 0 {
		return "", nil
	}
	counts := map[string]int{}
	ids := map[string][]string{}
	for id := range s.hubIDsIn(s.titleEnd, len(s.buf)) {
		owner, name, _ := strings.Cut(id, "/")
		low := strings.ToLower(name)
		if s.hostOwner(owner) || namedAfterAny(owner, names) || !slices.ContainsFunc(names, func(n string) bool {
			return len(n) >= 3 && len(low) > len(n) && strings.HasPrefix(low, strings.ToLower(n))
		}) {
			continue
		}
		counts[owner]++
		if !slices.Contains(ids[owner], name) {
			ids[owner] = append(ids[owner], name)
		}
	}
	best, total := "", 0
	for owner, n := range counts {
		total += n
		if best == "" || n > counts[best] || n == counts[best] && owner < best {
			best = owner
		}
	}
	if best == "" || 4*counts[best] < 3*total {
		return "", nil // two publishers: no one maker
	}
	return best, ids[best]
}

// repoCheckpoints returns, on a project's page, the names of the hub ids
// its text writes whose name is the project's name, a hyphen or an
// underscore, and more with a digit ("acme/zentor-2-7B-1025" on
// acme/zentor, "someone/zentor-base-v2"): checkpoints of the model the
// page is named after, wherever they are published (a README that names
// its own checkpoints only in commands and notes), with packaging
// suffixes dropped ("-FP8"). A name ending in a word of the lexicon's
// not_model_parts ("zentor-2-demo") is none. Discovery reads them only
// where the text introduces no model named after the project: the
// page's prose names its model otherwise.
func (s *state) repoCheckpoints() []string {
	_, repo, _, ok := s.project()
	if !ok || len(repo) < 3 {
		return nil
	}
	low := strings.ToLower(repo)
	var out []string
	for id := range s.hubIDsIn(s.titleEnd, len(s.buf)) {
		_, name, _ := strings.Cut(id, "/")
		name = s.an.withoutFormats(name)
		rest, ok := strings.CutPrefix(strings.ToLower(name), low)
		if !ok || len(rest) < 2 || rest[0] != '-' && rest[0] != '_' || !hasDigit(rest) {
			continue
		}
		if i := strings.LastIndexAny(name, "-_"); s.an.c.notModelParts[strings.ToLower(name[i+1:])] {
			continue
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// hubIDsIn yields the "owner/name" ids written in [lo, hi) as words of
// their own or after a hub's address ("huggingface.co/owner/name"): an
// owner and a name of letters, digits, hyphens, underscores and points,
// the name holding a letter and no file's extension, and no third part of
// a path after them.
func (s *state) hubIDsIn(lo, hi int) iter.Seq[string] {
	idChar := func(c byte) bool { return isAlnum(c) || c == '-' || c == '_' || c == '.' }
	return func(yield func(string) bool) {
		for i := lo; i < hi; i++ {
			if s.buf[i] != '/' || i == lo || i+1 >= hi || !isAlnum(s.buf[i-1]) || !isAlnum(s.buf[i+1]) {
				continue
			}
			st := i
			for st > lo && idChar(s.buf[st-1]) {
				st--
			}
			e := i + 1
			for e < hi && idChar(s.buf[e]) {
				e++
			}
			for e > i+1 && s.buf[e-1] == '.' {
				e-- // a sentence's full stop
			}
			if st > lo && s.buf[st-1] == '/' && !s.afterHub(st-1) || e < hi && s.buf[e] == '/' {
				continue // a path: "a/b/c", not "huggingface.co/a/b"
			}
			owner, name := string(s.buf[st:i]), strings.TrimSuffix(string(s.buf[i+1:e]), ".git")
			if !isAlnum(owner[0]) || !hasLetter(name) || hasDigit(owner) && !hasLetter(owner) || fileName(name) {
				continue
			}
			if !yield(owner + "/" + name) {
				return
			}
			i = e
		}
	}
}

// fileName reports a name ending in a file's extension, lowercase letters
// after its last point ("kestrel3.py"), not a version ("v4.1").
func fileName(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || i+1 == len(name) {
		return false
	}
	for _, c := range []byte(name[i+1:]) {
		if !isLower(c) {
			return false
		}
	}
	return true
}

// afterHub reports the slash at p closing a repository host's address
// ("huggingface.co/", "github.com/").
func (s *state) afterHub(p int) bool {
	for _, h := range repoHosts {
		if bytes.HasSuffix(s.buf[:p], []byte(h)) {
			return true
		}
	}
	return false
}

// repoFamily returns the repository's name as the text writes it where
// the text names two or more models after it, the name and a part after a
// hyphen or underscore in any case ("OFA-Sys/Chinese-CLIP" and
// chinese-clip-vit-base-patch16, chinese-clip-rn50): the line of models
// the page is about. The name is written like a name (nameLike), as a
// word of its own outside an address, and is no catalog's word nor
// model; ids that name data ("…-RL-Data") do not count.
func (s *state) repoFamily(repo string) (string, bool) {
	if len(repo) < 4 || !nameLike(repo) || s.knownWord(repo) {
		return "", false
	}
	if m, ok := s.an.ResolveModel(repo); ok && fold(m.Name) == fold(repo) {
		return "", false // a catalogued model: "Qwen3-ASR" and Qwen3-ASR-Finetuning
	}
	low := bytes.ToLower(s.buf)
	pat := []byte(strings.ToLower(repo))
	var named []string
	for at := range occurrences(low[s.titleEnd:], string(pat)) {
		p := s.titleEnd + at
		e := p + len(pat)
		if p > 0 && (isAlnum(low[p-1]) || low[p-1] == '/') || e+1 >= len(low) || low[e] != '-' && low[e] != '_' || !isAlnum(low[e+1]) {
			continue
		}
		q := e + 1
		for q < len(low) && (isAlnum(low[q]) || (low[q] == '-' || low[q] == '_') && q+1 < len(low) && isAlnum(low[q+1])) {
			q++
		}
		if id := string(low[p:q]); !slices.Contains(named, id) && !s.an.datasetLike(string(s.buf[p:q])) {
			named = append(named, id)
		}
	}
	if len(named) < 2 {
		return "", false
	}
	for at := range occurrences(s.buf[s.titleEnd:], repo) {
		sp := span{s.titleEnd + at, s.titleEnd + at + len(repo)}
		if (sp.start == 0 || !isAlnum(s.buf[sp.start-1]) && s.buf[sp.start-1] != '/') && (sp.end == len(s.buf) || !isAlnum(s.buf[sp.end])) && !s.hitOverlaps(sp) {
			return repo, true
		}
	}
	return "", false
}

// abbreviatedRepoModel returns the name the text gives the project's own
// model (repo: the repository's or package's name) where it spells it out in capitalised words ending on a model
// noun, with the words' initials in brackets after it ("the Segment
// Anything Model (SAM)" at …/segment-anything): the words before the noun
// spell the repository's name, so the page names its own model, not a
// kind of model ("Large Language Model (LLM)" names no repository).
func (s *state) abbreviatedRepoModel(repo string) (string, bool) {
	key := fold(repo)
	for _, h := range s.cues[cueModelNouns] {
		if h.start < s.titleEnd {
			continue
		}
		noun := string(s.buf[h.start:h.end])
		if !isUpper(noun[0]) {
			continue
		}
		words := capitalisedWordsBefore(s.buf, h.start, 4)
		for i := range words {
			// "The Segment Anything Model": the words may follow others.
			if fold(strings.Join(words[i:], "")) == key && initialsAfter(s.buf[h.end:], append(words[i:], noun)) {
				return strings.Join(words[i:], " ") + " " + noun, true
			}
		}
	}
	return "", false
}

// capitalisedWordsBefore returns the ASCII words, each capitalised and
// joined by single spaces, that run up to p, at most limit of them.
func capitalisedWordsBefore(buf []byte, p, limit int) []string {
	var words []string
	for len(words) < limit && p > 1 && buf[p-1] == ' ' {
		q := p - 1
		for q > 0 && isLetterASCII(buf[q-1]) {
			q--
		}
		if q == p-1 || !isUpper(buf[q]) {
			break
		}
		words = append([]string{string(buf[q : p-1])}, words...)
		p = q
	}
	return words
}

// initialsAfter reports rest opening with the initials of words in
// capitals and brackets: " (SAM)" after "Segment Anything Model".
func initialsAfter(rest []byte, words []string) bool {
	var b strings.Builder
	b.WriteString(" (")
	for _, w := range words {
		b.WriteByte(w[0])
	}
	b.WriteString(")")
	return bytes.HasPrefix(rest, []byte(b.String()))
}

// copulaAfter reports name sp followed by one of the lexicon's
// definition_copulas: "FlitNet is a …", "Kestrel 是一个…".
func (s *state) copulaAfter(sp span) bool {
	rest := s.buf[sp.end:min(len(s.buf), sp.end+16)]
	for _, c := range s.an.cat.DefinitionCopulas {
		if bytes.HasPrefix(rest, []byte(c)) {
			return true
		}
	}
	return false
}
