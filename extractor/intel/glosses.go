package intel

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// mergeGlosses makes one model of a name written in a native script and
// its Latin gloss in brackets right after it ("「カゲロウ3」（Kagerou-3）",
// "'누리봄 2'(Nuribom-2)", "큐웬3.5(Qwen3.5-235B-A22B)"): one model in two
// scripts, known by its Latin name, where the gloss goes on with the
// native name's version. Every mention of the native name then counts
// for the gloss. A family's bare native name that a type word joins to
// one of its models ("海螺视频模型Hailuo 03") is that model there.
func (s *state) mergeGlosses() {
	s.sortMentions()
	for i := 0; i+1 < len(s.mentions); i++ {
		a, b := s.mentions[i], s.mentions[i+1]
		if a.model != b.model && s.nativeHeadGloss(a, b) {
			s.moveMentions(b.model, a.model)
			continue
		}
		if a.model == b.model || s.buf[a.start] < utf8.RuneSelf || !isLetterASCII(s.buf[b.start]) {
			continue
		}
		na, nb := s.models[a.model], s.models[b.model]
		if na.family != nb.family || na.count == 0 {
			continue
		}
		switch {
		case glossOpens(s.buf[a.end:b.start]) && glossCloses(s.buf[b.end:]) && glossVersion(na.tokens(), nb.tokens()):
			s.moveMentions(a.model, b.model)
		case na.bare && na.family >= 0 && s.typeNounGap(s.buf[a.end:b.start]):
			s.moveMention(i, b.model) // the family's name may name another of its models elsewhere
		}
	}
}

// nativeHeadGloss reports a Latin name a whose gloss in brackets right
// after it writes its head in native letters and its tail as a is
// written, the tail read as mention b ("HuatuoGPT-o2（华佗GPT-o2）"): the
// tail ("GPT-o2") is no model of its own, here or elsewhere, but a's.
func (s *state) nativeHeadGloss(a, b mention) bool {
	if !isLetterASCII(s.buf[a.start]) || !isLetterASCII(s.buf[b.start]) || !glossCloses(s.buf[b.end:]) {
		return false
	}
	gap := bytes.TrimRight(s.buf[a.end:b.start], " ")
	head := gap
	for p := len(gap); p > 0; {
		r, n := utf8.DecodeLastRune(gap[:p])
		if !isCJK(r) {
			break
		}
		p -= n
		head = gap[:p]
	}
	if len(head) == len(gap) || utf8.RuneCount(gap[len(head):]) > 4 || !glossOpens(head) {
		return false
	}
	na, tail := fold(string(s.buf[a.start:a.end])), fold(string(s.buf[b.start:b.end]))
	return len(tail) < len(na) && strings.HasSuffix(na, tail)
}

// typeNounGap reports a gap of a few native letters ending in a type
// word (the lexicon's type_words_cjk) between a family's bare native name
// and a model of the family in Latin letters: "海螺视频模型Hailuo 03" (the
// Hailuo video model Hailuo 03) describes the one model, the bare name no
// model of its own.
func (s *state) typeNounGap(gap []byte) bool {
	gap = bytes.TrimSpace(gap)
	for _, w := range s.an.cat.TypeWordsCJK {
		if rest, ok := bytes.CutSuffix(gap, []byte(w)); ok && utf8.RuneCount(rest) <= 3 && !bytes.ContainsAny(rest, " ,.;:()") && (len(rest) == 0 || rest[0] >= utf8.RuneSelf) {
			return true
		}
	}
	return false
}

// glossOpens reports the gap between a name and its gloss: closing quote
// marks and spaces, then one opening bracket.
func glossOpens(gap []byte) bool {
	gap = bytes.TrimRight(gap, " ")
	var open bool
	if gap, open = bytes.CutSuffix(gap, []byte("(")); !open {
		if gap, open = bytes.CutSuffix(gap, []byte("（")); !open {
			return false
		}
	}
	for _, q := range []string{" ", "」", "』", "’", "”", "'", "\""} {
		gap = bytes.ReplaceAll(gap, []byte(q), nil)
	}
	return len(gap) == 0
}

// glossCloses reports a gloss that ends its brackets, or a list inside
// them ("（Kagerou-3、…）").
func glossCloses(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " ")
	for _, m := range []string{")", "）", "、", ","} {
		if bytes.HasPrefix(rest, []byte(m)) {
			return true
		}
	}
	return false
}

// glossVersion reports a gloss whose tokens from its version on begin
// with the native name's ("1.5" of 모아코더-1.5 and Moa-Coder-1.5, "3" of
// カゲロウ-3 and Kagerou-3-14B): the stems, in two scripts, are not
// compared.
func glossVersion(native, gloss []string) bool {
	nv, gv := fromVersion(native), fromVersion(gloss)
	return len(nv) > 0 && len(gv) >= len(nv) && equalTokens(nv, gv[:len(nv)])
}

// fromVersion returns the tokens from the first number on.
func fromVersion(toks []string) []string {
	for i, t := range toks {
		if i > 0 && isDigit(t[0]) {
			return toks[i:]
		}
	}
	return nil
}

// moveMention counts mention i for model to.
func (s *state) moveMention(i, to int) {
	f, t := s.models[s.mentions[i].model], s.models[to]
	s.mentions[i].model = to
	t.surfaces = addSurface(t.surfaces, s.buf[s.mentions[i].start:s.mentions[i].end])
	t.count++
	if f.count--; f.count <= 0 {
		f.count, f.conf = 0, 0
	}
}

// moveMentions counts every mention of model from for model to.
func (s *state) moveMentions(from, to int) {
	f, t := s.models[from], s.models[to]
	for i := range s.mentions {
		if s.mentions[i].model == from {
			s.mentions[i].model = to
			t.surfaces = addSurface(t.surfaces, s.buf[s.mentions[i].start:s.mentions[i].end])
		}
	}
	t.count += f.count
	t.first = min(t.first, f.first)
	t.mods |= f.mods
	if f.res.conf > t.res.conf {
		t.res = f.res
	}
	f.count, f.conf = 0, 0
}
