package intel

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

// dropToolProject forgets the models no catalog knows that are named as
// the page's project, or as the project with a version ("WrenKit",
// "WrenKit 3.2", "FinchClas v2.6"), where the page calls the project a
// tool (toolProject), and the claims made of them ("WrenKit outperforms
// closed-source solutions"): the release of a toolkit or a library is a
// software release, no model's. A model the project ships under a longer
// name ("WrenKit-VL") stays.
func (s *state) dropToolProject() {
	pf := s.toolProject()
	if pf == "" {
		return
	}
	for _, rec := range s.models {
		if rec.count == 0 || rec.family >= 0 {
			continue
		}
		if fold(rec.name) == pf || versionTail(pastFolded(rec.name, pf)) {
			rec.count, rec.conf = 0, 0
			s.claims = slices.DeleteFunc(s.claims, func(c event.Claim) bool { return c.Model == rec.name })
		}
	}
}

// versionTail reports the rest of a name past a project's name that is a
// software version written apart from it: a space, hyphen or underscore,
// an optional "v", then digits and dots ("WrenKit 3.2", "FinchClas
// v2.6", "WrenKit-V1.1"); a size ("-82M"), a word or a version glued on
// ("Kite-OCRv6", a model of the Kite-OCR toolkit) is not.
func versionTail(rest string) bool {
	if rest == "" || rest[0] != ' ' && rest[0] != '-' && rest[0] != '_' {
		return false
	}
	rest = strings.TrimLeft(rest[1:], "vV")
	if rest == "" || !isDigit(rest[0]) {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) && rest[i] != '.' {
			return false
		}
	}
	return true
}

// pastFolded returns name past its shortest start that folds to pf, or
// "" when none does ("-3.0" of "PaddleKit-3.0" for "paddlekit").
func pastFolded(name, pf string) string {
	for i := 1; i <= len(name); i++ {
		if f := fold(name[:i]); f == pf {
			return name[i:]
		} else if !strings.HasPrefix(pf, f) {
			return ""
		}
	}
	return ""
}

// toolProject returns the folded name of the page's project where the
// page calls it a tool and nowhere a model (definedModel, calledModel):
// a word of the lexicon's tool_nouns right after or before its name ("no
// WrenKit toolkit is needed", "wrenkit-toolkit", "图像识别套件FinchClas"),
// in a definition of it (toolDefined) or at the head of the summary its
// title gives (toolSummary); "" otherwise.
func (s *state) toolProject() string {
	_, name, _, ok := s.project()
	if !ok || len(name) < 3 {
		return ""
	}
	tool := s.toolSummary(name)
	for sp, alone := range s.projectSpellings(name) {
		if !alone {
			tool = tool || s.toolBeside(sp)
			continue
		}
		w := string(s.buf[sp.start:sp.end])
		if s.definedModel(w, false) || s.calledModel(w) {
			return ""
		}
		tool = tool || s.toolBeside(sp) || s.toolDefined(sp)
	}
	if !tool {
		return ""
	}
	return fold(name)
}

// projectSpellings yields where the text writes name, in any ASCII case,
// not inside a longer word, an address or a repository path ("acme/
// WrenKit"), and whether it stands alone: not joined to a word after it
// by a hyphen or an underscore ("wrenkit-toolkit", "WrenKit-VL").
func (s *state) projectSpellings(name string) func(yield func(span, bool) bool) {
	return func(yield func(span, bool) bool) {
		low := asciiLower(s.buf)
		for at := range occurrences(low, strings.ToLower(name)) {
			end := at + len(name)
			if at > 0 && (isAlnum(s.buf[at-1]) || strings.IndexByte("/.-_@", s.buf[at-1]) >= 0) ||
				end < len(s.buf) && (isAlnum(s.buf[end]) || s.buf[end] == '/') {
				continue
			}
			alone := end == len(s.buf) || s.buf[end] != '-' && s.buf[end] != '_'
			if !yield(span{at, end}, alone) {
				return
			}
		}
	}
}

// asciiLower returns b with its ASCII capitals in lowercase, every byte
// in place, so positions in it are positions in b.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = lowerASCII(c)
	}
	return out
}

// toolBeside reports a tool noun right after the name at sp, past one
// space, hyphen or underscore ("WrenKit toolkit", "wrenkit-toolkit"), or
// right before it ("套件FinchClas", "the toolkit WrenKit").
func (s *state) toolBeside(sp span) bool {
	after := s.buf[sp.end:]
	if len(after) > 0 && (after[0] == ' ' || after[0] == '-' || after[0] == '_') {
		after = after[1:]
	}
	before := bytes.TrimSuffix(s.buf[:sp.start], []byte(" "))
	for _, n := range s.an.cat.ToolNouns {
		if len(after) >= len(n) && bytes.EqualFold(after[:len(n)], []byte(n)) && wordClosed(after, len(n)) {
			return true
		}
		if k := len(before) - len(n); k >= 0 && bytes.EqualFold(before[k:], []byte(n)) && wordOpened(before, k) && !s.notToolWord(before, len(before), n) {
			return true
		}
	}
	return false
}

// toolDefined reports the name at sp opening a line, one of the
// lexicon's tool_copulas right after it, and a tool noun in the clause
// that follows (definedAs): in Latin script before any definition break
// ("Acme is a PyTorch based library for …"), in Han or Kana as the
// clause's last word ("Acme 是基于 PaddlePaddle 搭建的 Transformers 库，").
// A clause with a model noun is a model's ("Acme is an innovative library
// of open-source language models").
func (s *state) toolDefined(sp span) bool {
	return s.definedAs(sp, s.an.cat.ToolCopulas, s.an.cat.ToolNouns)
}

// definedAs reports the name at sp opening a line, one of copulas right
// after it, and one of nouns in the clause that follows, up to a clause
// mark: in Latin script before any definition break (after a colon, past
// capitalised words only: "Wren Chinese Treebank", not "trained on a
// corpus of …"), in Han or Kana as the clause's last word; a clause with
// a model noun defines a model.
func (s *state) definedAs(sp span, copulas, nouns []string) bool {
	if !s.lineOpens(sp.start) {
		return false
	}
	rest := s.buf[sp.end:]
	n := longestPrefix(rest, copulas)
	if n == 0 {
		return false
	}
	colon := strings.Trim(string(rest[:n]), " ") == ":" || strings.Trim(string(rest[:n]), " ") == "："
	clause := rest[n:]
	if k := bytes.IndexAny(clause, ",;:.!?\n"); k >= 0 {
		clause = clause[:k]
	}
	for _, mark := range []string{"，", "。", "；", "：", "（"} {
		if k := bytes.Index(clause, []byte(mark)); k >= 0 {
			clause = clause[:k]
		}
	}
	clause = bytes.TrimRight(clause, " ")
	if start := sp.end + n; len(hitsIn(s.cues[cueModelNouns], start, start+len(clause))) > 0 {
		return false // "a library of open-source language models": a model's
	}
	lc := asciiLower(clause)
	for _, noun := range nouns {
		first, _ := utf8.DecodeRuneInString(noun)
		if first >= utf8.RuneSelf {
			if bytes.HasSuffix(clause, []byte(noun)) && !s.notToolWord(clause, len(clause), noun) {
				return true
			}
			continue
		}
		for at := range occurrences(lc, strings.ToLower(noun)) {
			if wordOpened(lc, at) && wordClosed(lc, at+len(noun)) && !hasAnyFold(clause[:at], s.an.cat.DefinitionBreaks) &&
				(!colon || capitalsOnly(clause[:at])) {
				return true
			}
		}
	}
	return false
}

// notToolWord reports noun n ending at end in b as the tail of one of
// the lexicon's not_tool_words ("官方仓库", "向量数据库"): a word that
// names no software.
func (s *state) notToolWord(b []byte, end int, n string) bool {
	for _, w := range s.an.cat.NotToolWords {
		if len(w) > len(n) && strings.HasSuffix(w, n) && end >= len(w) && string(b[end-len(w):end]) == w {
			return true
		}
	}
	return false
}

// dropDataDefined forgets the models no catalog knows that the page
// defines as data sets where it names them opening a line: the name, a
// colon or a copula of the lexicon's data_copulas, and a data noun
// (data_nouns) in the clause ("AcmeTB1.0：Acme Chinese Treebank 1.0 是
// 构建的中文句法树库", "WrenSet is a corpus of …"). A model of the page is
// defined as one, and a name the page defines as a model stays.
func (s *state) dropDataDefined() {
	var opens []int // where each line's text opens, past list marks: read once, not per model
	for _, rec := range s.models {
		if rec.count == 0 || rec.family >= 0 || s.definedModel(rec.name, false) {
			continue
		}
		if opens == nil {
			opens = s.lineOpenings(s.titleEnd)
		}
		for _, at := range opens {
			if !bytes.HasPrefix(s.buf[at:], []byte(rec.name)) {
				continue
			}
			sp := span{at, at + len(rec.name)}
			if s.definedAs(sp, s.an.cat.DataCopulas, s.an.cat.DataNouns) {
				rec.count, rec.conf = 0, 0
				s.claims = slices.DeleteFunc(s.claims, func(c event.Claim) bool { return c.Model == rec.name })
				break
			}
		}
	}
}

// lineOpenings returns where the text of each line from p on opens, past
// spaces and list marks (lineOpens), in text order.
func (s *state) lineOpenings(p int) []int {
	out := []int{}
	for at := s.lineStart(p); at < len(s.buf); {
		q := at + len(s.buf[at:]) - len(bytes.TrimLeft(s.buf[at:], " *-•#"))
		if q >= p && q < len(s.buf) && s.buf[q] != '\n' {
			out = append(out, q)
		}
		k := bytes.IndexByte(s.buf[q:], '\n')
		if k < 0 {
			break
		}
		at = q + k + 1
	}
	return out
}

// capitalsOnly reports words that all open with a capital or a digit:
// the expansion of a name after its colon ("Wren Chinese Treebank"), not
// a sentence ("trained on a corpus of …").
func capitalsOnly(b []byte) bool {
	for _, w := range bytes.Fields(b) {
		if !isUpper(w[0]) && !isDigit(w[0]) {
			return false
		}
	}
	return true
}

// lineOpens reports p opening its line, past spaces and list marks.
func (s *state) lineOpens(p int) bool {
	return len(bytes.Trim(s.buf[s.lineStart(p):p], " *-•#")) == 0
}

// wordClosed reports b's word ending at i: no Latin letter follows.
func wordClosed(b []byte, i int) bool {
	return i >= len(b) || !isLetterASCII(b[i])
}

// wordOpened reports b's word starting at i: no Latin letter before a
// Latin word (a Han or Kana noun opens anywhere).
func wordOpened(b []byte, i int) bool {
	if i == 0 || !isLetterASCII(b[i]) {
		return true
	}
	return !isLetterASCII(b[i-1])
}

// toolSummary reports a title that gives the project's summary after its
// name and a colon ("acme/WrenKit: Industrial speech recognition toolkit
// with …", "NeMo: NeMo - a toolkit for …") whose head, up to the first
// definition break (the lexicon's definition_breaks, list joiners aside:
// "OCR and document parsing toolkits" is one head), holds a tool noun
// and no model noun ("State of the Art models for …" is a model's).
func (s *state) toolSummary(name string) bool {
	title := asciiLower(s.buf[:s.titleEnd])
	i := bytes.Index(title, []byte(strings.ToLower(name)+": "))
	if i < 0 {
		return false
	}
	lo := i + len(name) + 2
	hi := s.titleEnd
	for _, b := range s.an.cat.DefinitionBreaks {
		if slices.Contains(s.an.cat.ListJoiners, strings.TrimSpace(b)) {
			continue
		}
		if k := bytes.Index(title[lo:hi], []byte(strings.ToLower(b))); k >= 0 {
			hi = lo + k
		}
	}
	if len(hitsIn(s.cues[cueModelNouns], lo, hi)) > 0 {
		return false
	}
	head := title[lo:hi]
	for _, n := range s.an.cat.ToolNouns {
		for at := range occurrences(head, strings.ToLower(n)) {
			if wordOpened(head, at) && wordClosed(head, at+len(n)) && !s.notToolWord(head, at+len(n), n) {
				return true
			}
		}
	}
	return false
}

// dropPortReleases forgets the releases of a page of a runtime named
// after a weight format ("jdoe/mlx-audio", runtimeNamed): it ports models
// other makers release, and what it publishes of them are conversions
// ("mlx-community/Wren-1B-bf16"), so no model it names is its release,
// whatever its licence lines say ("Wren weights and code are released
// under the MIT License"). The models stay named.
func (s *state) dropPortReleases() {
	if !s.portPage() {
		return
	}
	for _, rec := range s.models {
		rec.conf = 0
	}
}

// portPage reports a page of a repository named after a weight format
// first (runtimeNamed): a runtime that ports other makers' models.
func (s *state) portPage() bool {
	_, repo, _, ok := s.repo()
	return ok && s.an.runtimeNamed(repo)
}
