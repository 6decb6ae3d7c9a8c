package intel

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor/catalog"
)

// Identities: every model mention resolves to one canonical model, named
// the way its family writes names (catalog style: "Qwen2.5-72B-Instruct",
// "DeepSeek-V3", "Claude 3.5 Sonnet") or as the catalog's models list
// spells it ("Kimi K2", "GPT-4o mini"), whatever spacing, hyphens, case or
// script the text used. Its id is "<vendor>/<slug of the name>"; sizes and
// variants link to the model they extend ("Qwen2.5-72B-Instruct" →
// "Qwen2.5-72B" → "Qwen2.5"). The spellings seen are kept as evidence.

// resolveConf are the confidences of identities by how a name was read,
// and the bounds of reading garbled names: tuning as data, in one place.
var resolveConf = struct {
	// catalog: a catalogued stem or spelling read by the name grammar;
	// short: a lone version of a family the article names ("V3.1");
	// spaced: a joined family's spaced form beside its maker ("Step 3").
	catalog, short, spaced float64
	// Garbled family names: sounding alike (sound*) or one letter apart
	// (edit*), with the maker named in the sentence or in the article,
	// alone (a versioned name sounding exactly like a stem of at least
	// aloneKey letters), or introduced as a model by a release sentence.
	soundSentence, soundArticle, editSentence, editArticle float64
	soundAlone, editAlone, soundIntroduced                 float64
	aloneKey                                               int
	// Garbled vendor names: supported by a model of the vendor or a hint
	// at it in the sentence, or followed by an organisation suffix
	// ("Zippu AI"); one letter apart costs vendorEditPenalty.
	vendorSupported, vendorOrg, vendorEditPenalty float64
	// recased*: a stem the catalog matches only in its own case, written
	// in another, with its maker named in the sentence, in the article,
	// or alone with a version in talk of models ("Ernie 4.5").
	recasedSentence, recasedArticle, recasedAlone float64
	// discovered: a name no catalog knows, read where a release sentence
	// introduces it; its identity is provisional.
	discovered float64
}{
	catalog: 1, short: 0.9, spaced: 0.9,
	soundSentence: 0.85, soundArticle: 0.75, editSentence: 0.8, editArticle: 0.7,
	soundAlone: 0.6, editAlone: 0.5, soundIntroduced: 0.6,
	aloneKey:        5,
	recasedSentence: 0.9, recasedArticle: 0.8, recasedAlone: 0.7,
	vendorSupported: 0.85, vendorOrg: 0.8, vendorEditPenalty: 0.1,
	discovered: 0.5,
}

// resolveHow says how a name was resolved; lower values are surer.
type resolveHow uint8

const (
	// howCatalog: a catalogued name or spelling, read by the grammar.
	howCatalog resolveHow = iota
	// howShort: a lone version of a family named in the article.
	howShort
	// howSpaced: a joined family's spaced form beside its maker.
	howSpaced
	// howRecased: a catalogued name written in another case.
	howRecased
	// howSound: a garbled name sounding like a catalogued one.
	howSound
	// howEdit: a garbled name one letter from a catalogued one.
	howEdit
	// howDiscovered: a name no catalog knows.
	howDiscovered
)

// resolution is how one mention was resolved.
type resolution struct {
	how  resolveHow
	conf float64
	// by is the position of the vendor name or hint that supported a
	// garbled name, byModel when a model of its maker did, -1 when none.
	by int32
}

// style is a family's way of writing canonical names.
type style uint8

const (
	styleHyphen style = iota
	styleAttached
	styleSpaced
)

func styleOf(s string) style {
	switch s {
	case catalog.StyleAttached:
		return styleAttached
	case catalog.StyleSpaced:
		return styleSpaced
	}
	return styleHyphen
}

// maxSurfaces bounds the spellings kept per model or vendor.
const maxSurfaces = 8

// appendCanonical appends the canonical name of a model of family fam
// (-1 for one no catalog knows) written as stem and parts: the parts
// joined by the family's style, sizes, codes and variant words in their
// canonical case.
func (c *compiled) appendCanonical(dst []byte, fam int, stem string, parts []part) []byte {
	st, lowerVariants := styleHyphen, false
	if fam >= 0 {
		st, lowerVariants = c.familyStyle[fam], c.familyLowerVariants[fam]
	}
	dst = append(dst, stem...)
	// A native model no catalog knows keeps its native variant words:
	// "ツグミ2 ミニ", not "ツグミ-2-Mini".
	native := fam < 0 && stem != "" && stem[len(stem)-1] >= utf8.RuneSelf
	for i, p := range parts {
		switch {
		case p.sep == '.':
			dst = append(dst, '.') // "FLUX.1"
		case i == 0 && st == styleAttached && p.kind == partVersion && isDigit(p.text[0]) && !isDigit(stem[len(stem)-1]):
			// "Qwen2.5"
		case i == 0 && p.line() && stem != "" && !isDigit(stem[len(stem)-1]):
			// "Hunyuan3D": a number and letters written onto the stem
			// name a line of its own, not a version to hyphenate.
		case st == styleSpaced:
			dst = append(dst, ' ')
		default:
			dst = append(dst, '-')
		}
		if native && p.native != "" {
			dst = append(dst, p.native...)
			continue
		}
		dst = c.appendPart(dst, p, lowerVariants)
	}
	return dst
}

// renamed returns the family a model of family fam named by stem and parts
// belongs to and the stem its canonical name is written with: those of
// the family's latest rename whose version the first part reaches, when
// it is a version ("Seed 1.6" → Doubao's "Doubao-Seed"), then those of that
// family's own renames; fam and stem otherwise ("Seed1.5-VL", "Seed-OSS").
func (c *compiled) renamed(fam int, stem string, parts []part) (int, string) {
	if fam < 0 || len(parts) == 0 || parts[0].kind != partVersion {
		return fam, stem
	}
	for hop := 0; hop < 2; hop++ { // the catalog renames into one more family at most
		r, ok := latestRename(c.familyRenames[fam], parts[0].text)
		if !ok {
			break
		}
		if r.stem != "" {
			stem = r.stem
		}
		if r.family < 0 {
			break
		}
		fam = r.family
		if r.stem == "" {
			stem = c.familyName[fam]
		}
	}
	return fam, stem
}

// latestRename returns the last of renames whose version version reaches.
func latestRename(renames []rename, version string) (rename, bool) {
	for i := len(renames) - 1; i >= 0; i-- {
		if catalog.VersionAtLeast(version, renames[i].from) {
			return renames[i], true
		}
	}
	return rename{}, false
}

// appendPart appends a name part in its canonical case: sizes and codes in
// capitals ("72B", "A22B", "V3"), a version's "v" as "V", variant words as
// the catalog spells them.
func (c *compiled) appendPart(dst []byte, p part, lowerVariants bool) []byte {
	t := p.text
	switch p.kind {
	case partSize, partCode:
		if p.kind == partCode && hasUpper([]byte(t)) && !isAllCapsOrDigits(t) {
			return append(dst, t...) // "Predict2"
		}
		for i := 0; i < len(t); i++ {
			b := t[i]
			if b == 'x' && i > 0 && isDigit(t[i-1]) {
				dst = append(dst, b) // "8x7B"
				continue
			}
			dst = append(dst, upperASCII(b))
		}
		return dst
	case partVersion:
		if len(t) > 1 && t[0] == 'v' && isDigit(t[1]) {
			return append(append(dst, 'V'), t[1:]...)
		}
		return append(dst, t...)
	case partWord:
		var tmp [48]byte
		lw := lowerKey(&tmp, t)
		if v, ok := c.variantSpelling[string(lw)]; ok {
			if lowerVariants && !c.variants[string(lw)].brand {
				return append(dst, lw...)
			}
			return append(dst, v...)
		}
	}
	return append(dst, t...)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func upperASCII(b byte) byte {
	if isLower(b) {
		return b - 'a' + 'A'
	}
	return b
}

func isAllCapsOrDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if isLower(w[i]) {
			return false
		}
	}
	return true
}

// pinnedName returns the catalog's spelling of the model whose folded name
// or alias is key, if the catalog lists one of family fam.
func (an *Analyzer) pinnedName(key []byte, fam int) (string, bool) {
	i, ok := an.c.pinned[string(key)]
	if !ok {
		return "", false
	}
	m := &an.cat.Models[i]
	if fam >= 0 && m.Family != an.cat.Families[fam].ID {
		return "", false
	}
	return m.Name, true
}

// modelID returns the stable id of a model: "<vendor>/<slug of name>",
// with "unknown" for a model whose maker is not known.
func modelID(vendor, name string) string {
	if vendor == "" {
		vendor = "unknown"
	}
	name = plusWords(name) // "Command R+" is cohere/command-r-plus, not Command R
	var buf [96]byte
	b, ok := appendSlugASCII(buf[:0], vendor)
	if ok {
		b = append(b, '/')
		b, ok = appendSlugASCII(b, name)
	}
	if !ok {
		return event.Slug(vendor) + "/" + event.Slug(name)
	}
	return string(b)
}

// appendSlugASCII appends event.Slug(s) for an ASCII s without building
// it rune by rune; it reports false, having appended something undefined,
// when s is not ASCII or slugs to nothing.
func appendSlugASCII(dst []byte, s string) ([]byte, bool) {
	start, dash := len(dst), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return dst, false
		case isAlnum(c):
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = append(dst, lowerASCII(c))
		default:
			dash = true
		}
	}
	return dst, len(dst) > start
}

// parentName returns the canonical name of the model a model's name
// extends: the name without its last part ("Qwen2.5-72B-Instruct" →
// "Qwen2.5-72B", "Kimi-K2-Instruct" → "Kimi K2", "Claude 3.5 Sonnet" →
// "Claude 3.5"), past parts that are a model's own name ("…-Distill-Qwen-32B"),
// or "" when what is left names no version of the family ("Claude Opus 4",
// "Qwen2.5").
func (an *Analyzer) parentName(name string, fam int) string {
	stem := ""
	if fam >= 0 {
		stem = an.cat.Families[fam].Name
	}
	p := name
	for {
		i := strings.LastIndexAny(p, "- ")
		if i <= 0 || i < len(stem) {
			return ""
		}
		p = p[:i]
		last := p[strings.LastIndexAny(p, "- ")+1:]
		var tmp [48]byte
		if an.c.stemWords[string(lowerKey(&tmp, last))] && len(p) > len(stem) || strings.EqualFold(last, "Distill") {
			continue // "DeepSeek-R1-Distill-Qwen" is no model
		}
		break
	}
	if !strings.ContainsAny(p, "0123456789") || strings.EqualFold(p, stem) {
		return ""
	}
	var kbuf [64]byte
	kb := appendFold(kbuf[:0], []byte(p))
	if pinned, ok := an.pinnedName(kb, fam); ok {
		return pinned
	}
	return p
}

// reason says in words how a model was resolved.
func (an *Analyzer) modelReason(s *state, m *modelRec) string {
	surface := ""
	if len(m.surfaces) > 0 {
		surface = m.surfaces[0]
	}
	fam := ""
	if m.family >= 0 {
		fam = an.cat.Families[m.family].Name
	}
	by := ""
	if m.res.by >= 0 {
		for _, h := range s.vendorHits {
			if int32(h.start) == m.res.by {
				by = fmt.Sprintf(", beside %s", an.cat.Vendors[h.idx].Name)
			}
		}
		for _, h := range s.hints {
			if int32(h.start) == m.res.by {
				by = fmt.Sprintf(", beside %q", s.buf[h.start:h.end])
			}
		}
	} else if m.res.by == byModel {
		if v := m.vendor; v >= 0 {
			by = fmt.Sprintf(", beside a model of %s", an.cat.Vendors[v].Name)
		}
	}
	switch m.res.how {
	case howCatalog:
		if m.pinned {
			return "catalogued model"
		}
		if fam != "" && !isASCII(surface) && !strings.Contains(surface, fam) {
			return "catalogued spelling of " + fam // "큐웬3", "通义千问"
		}
		return "catalogued name"
	case howShort:
		return fmt.Sprintf("short form of %s, named in the article", fam)
	case howSpaced:
		return fmt.Sprintf("spaced form of %s beside its maker", fam)
	case howRecased:
		return fmt.Sprintf("%s written in another case%s", fam, by)
	case howSound:
		if m.res.by == byIntroduced {
			by = ", introduced as a model"
		}
		return fmt.Sprintf("sounds like %s%s", fam, by)
	case howEdit:
		return fmt.Sprintf("one letter from %s%s", fam, by)
	}
	return "not in the catalog: introduced as a model"
}

// vendorReason says in words how a vendor was resolved.
func vendorReason(how resolveHow) string {
	switch how {
	case howCatalog:
		return "catalogued name"
	case howSound:
		return "sounds like a catalogued name, with a model, hint or organisation suffix beside it"
	case howEdit:
		return "one letter from a catalogued name, with a model or hint beside it"
	case howDiscovered:
		return "not in the catalog: named as a model's maker"
	}
	return "maker of a model named"
}

// addSurface keeps a spelling of a model or vendor as evidence.
func addSurface(list []string, b []byte) []string {
	for _, x := range list {
		if x == string(b) {
			return list
		}
	}
	if len(list) >= maxSurfaces {
		return list
	}
	return append(list, string(b))
}

// sortHits orders hits by position.
func sortHits(h []hit) {
	sort.SliceStable(h, func(i, j int) bool { return h[i].start < h[j].start })
}
