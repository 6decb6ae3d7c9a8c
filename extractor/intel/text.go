package intel

import (
	"bytes"
	"iter"
	"sort"
	"strconv"
	"unicode/utf8"
)

// segment splits the text into sentences: at sentence punctuation in any
// script, line breaks, and the symbols that start list items in READMEs
// (emoji, bullets, pipes). The title is sentence 0.
func (s *state) segment() {
	buf := s.buf
	start := 0
	cut := func(end, next int) {
		if end > start {
			s.sents = append(s.sents, span{start, end})
		}
		start = next
	}
	for i := 0; i < len(buf); {
		c := buf[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\n', '|':
				cut(i, i+1)
			case '.', '!', '?', ';':
				next := i + 1
				if q := closingQuoteAt(buf, next); q > 0 && (next+q >= len(buf) || buf[next+q] == ' ' || buf[next+q] == '\n') {
					next += q // "… has “nothing to announce.” Meanwhile …": the quote ends with its sentence
				}
				if next >= len(buf) || buf[next] == ' ' || buf[next] == '\n' || buf[next] == '"' {
					if c != '.' || !abbreviation(buf, i) && !s.monthPeriod(buf, i) {
						cut(next, next)
					}
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(buf[i:])
		switch {
		case r == '。' || r == '！' || r == '？' || r == '；':
			cut(i+n, i+n)
		case r == '•' || r == '·' && i > 0 && buf[i-1] == ' ' || r == '…':
			cut(i, i+n)
		case (r >= 0x2190 && r <= 0x2BFF || r >= 0x1F000 && r <= 0x1FAFF) && !betweenNumbers(buf, i, i+n):
			cut(i, i+n) // arrows, symbols, dingbats, emoji: list markers, not "60.1 → 65.3"
		}
		i += n
	}
	cut(len(buf), len(buf))
	if len(s.sents) == 0 || s.sents[0].start > 0 {
		s.sents = append([]span{{0, 0}}, s.sents...)
	}
}

// betweenNumbers reports a mark at [i, j) between two numbers, spaces
// and a percent sign between ("60.1 → 65.3", "71.2% → 80.6%"): an arrow
// from an earlier score to the current one, inside its sentence.
func betweenNumbers(buf []byte, i, j int) bool {
	b := bytes.TrimRight(buf[max(0, i-4):i], " %")
	a := bytes.TrimLeft(buf[j:min(len(buf), j+4)], " ")
	return len(b) > 0 && isDigit(b[len(b)-1]) && len(a) > 0 && isDigit(a[0])
}

// closingQuoteAt returns the length of a curly closing quote at p ("”",
// "’"), or 0.
func closingQuoteAt(buf []byte, p int) int {
	for _, q := range []string{"”", "’"} {
		if bytes.HasPrefix(buf[p:], []byte(q)) {
			return len(q)
		}
	}
	return 0
}

// findLines records the lines of the text that are rows of a table, as
// the extractor writes a table's cells ("Model | MMLU | GSM8K": two cell
// separators or more), those that are code (see codeLine) and those that
// are headings (see headLine). The title is none of them.
func (s *state) findLines() {
	buf := s.buf
	for start := min(s.titleEnd+1, len(buf)); start < len(buf); {
		end := bytes.IndexByte(buf[start:], '\n')
		if end < 0 {
			end = len(buf)
		} else {
			end += start
		}
		line := buf[start:end]
		switch {
		case bytes.Count(line, []byte(" | ")) >= 2 && !proseBeforeCells(line):
			if len(s.tableLines) < maxHits {
				s.tableLines = append(s.tableLines, span{start, end})
			}
		case codeLine(line):
			if len(s.codeLines) < maxHits {
				s.codeLines = append(s.codeLines, span{start, end})
			}
		case headLine(line):
			if len(s.headLines) < maxHits {
				s.headLines = append(s.headLines, span{start, end})
			}
		}
		start = end + 1
	}
}

// proseBeforeCells reports a line whose text before its first cell
// separator ends a sentence and goes on ("[2026.04] We release X-2 — 2B,
// 48kHz output! Weights | Docs | Playground"): a line of prose closed by
// a bar of links, not a table's row, whose first cell is a name or a
// label.
func proseBeforeCells(line []byte) bool {
	first := line[:bytes.Index(line, []byte(" | "))]
	for _, end := range []string{". ", "! ", "? ", "。", "！", "？"} {
		if i := bytes.Index(first, []byte(end)); i > 0 && i+len(end) < len(first) {
			return true
		}
	}
	return false
}

// importInLine reports a Python import inside a line ("… reranking. from
// acme.tools import Reranker import os"): a code block a page shows as
// one line, opening with a comment.
func importInLine(t []byte) bool {
	for i := 0; ; {
		j := bytes.Index(t[i:], []byte("from "))
		if j < 0 {
			return false
		}
		p := i + j + len("from ")
		if i+j == 0 || t[i+j-1] == ' ' {
			q := p
			for q < len(t) && (isAlnum(t[q]) || t[q] == '_' || t[q] == '.') {
				q++
			}
			if q > p && bytes.HasPrefix(t[q:], []byte(" import ")) {
				return true
			}
		}
		i = p
	}
}

// codeStarts open lines of commands and code in READMEs; a declaration
// or an awaited call opens a JavaScript or Rust example ("const passage =
// …", "let model = …"), whose strings are sample data.
var codeStarts = []string{"python", "pip ", "git ", "cd ", "export ", "import ", "from ", "$ ", "curl ", "wget ",
	"docker ", "bash ", "torchrun", "huggingface-cli", "modelscope ", "vllm ", "CUDA_", "conda ", "usage:", "ollama ", "llama-",
	"const ", "let ", "var ", "await "}

// codeLine reports a line of a command or code block: one that starts
// like a command, or carries a command-line flag ("--model"), a relative
// path ("./models/…") or a call with a string ("load(\"…\")").
func codeLine(line []byte) bool {
	t := bytes.TrimLeft(line, " #>")
	if len(t) == 0 {
		return false
	}
	for _, p := range codeStarts {
		if p[0] == t[0] && bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	if bibtexLine(t) || importInLine(t) {
		return true
	}
	for i := 1; i+1 < len(t); i++ {
		switch t[i] {
		case '-':
			if t[i-1] == ' ' && t[i+1] == '-' && i+2 < len(t) && isLower(t[i+2]) {
				return true // " --model"
			}
		case '/':
			if t[i-1] == '.' && (i < 2 || t[i-2] != '.') && (i < 3 || t[i-2] != '(' || t[i-3] != ']') {
				return true // "./models"; not a Markdown link's target "[demo](./examples/x.py)"
			}
		case '"':
			if t[i-1] == '(' || t[i+1] == ')' {
				return true // load("…")
			}
		}
	}
	return false
}

// headLine reports a line that reads as a heading: short, of two words
// or more (or CJK text), and ending in no sentence punctuation ("Anthropic
// ships Claude Haiku 4.5", "模型介绍").
func headLine(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) < 4 || len(t) > tune.headingBytes {
		return false
	}
	last, _ := utf8.DecodeLastRune(t)
	switch last {
	case '.', '!', '?', ':', ';', ',', '。', '！', '？', '：', '；', '，', '、':
		return false
	case ')', '）':
		if !makerHeading(t) {
			return false
		}
	}
	first, _ := utf8.DecodeRune(t)
	return bytes.IndexByte(t, ' ') > 0 || isCJK(first) || first >= 0x1100
}

// makerHeading reports a line that ends with a short parenthesis after a
// name, as a roundup heads its items ("4. Qwen3.6-Omni (Alibaba)", "GLM-5.2
// and GLM-5.2-Air (Zhipu)"): a word or two in it, no sentence before it
// but an item number.
func makerHeading(t []byte) bool {
	open := max(bytes.LastIndexByte(t, '('), bytes.LastIndex(t, []byte("（")))
	if open <= 0 || len(t)-open > 32 || bytes.Count(t[open:], []byte(" ")) > 1 {
		return false
	}
	head := t[:open]
	if i := bytes.IndexFunc(head, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (bytes.HasPrefix(head[i:], []byte(". ")) || bytes.HasPrefix(head[i:], []byte(") "))) {
		head = head[i+2:] // "4. ": the item's number
	}
	return !bytes.ContainsAny(head, "!?;:,()（）") && !bytes.Contains(head, []byte(". "))
}

// inHeading reports whether byte p lies in the title or on a heading line.
func (s *state) inHeading(p int) bool {
	if p < s.titleEnd {
		return true
	}
	i := sort.Search(len(s.headLines), func(i int) bool { return s.headLines[i].end > p })
	return i < len(s.headLines) && s.headLines[i].start <= p
}

// bibtexLine reports a line of a BibTeX citation, as READMEs end:
// "@misc{qwen3-2025," or "  title={…},".
func bibtexLine(t []byte) bool {
	i := 0
	if t[0] == '@' {
		i = 1
	}
	j := i
	for j < len(t) && isLetterASCII(t[j]) {
		j++
	}
	if j == i || j == len(t) {
		return false
	}
	if i == 1 {
		return t[j] == '{'
	}
	rest := bytes.TrimLeft(t[j:], " ")
	return bytes.HasPrefix(rest, []byte("={")) || bytes.HasPrefix(rest, []byte("= {"))
}

// inCodeLine reports whether byte p lies on a code line of the text.
func (s *state) inCodeLine(p int) bool {
	i := sort.Search(len(s.codeLines), func(i int) bool { return s.codeLines[i].end > p })
	return i < len(s.codeLines) && s.codeLines[i].start <= p
}

// inTableLine reports whether byte p lies on a table line of the text.
func (s *state) inTableLine(p int) bool {
	i := sort.Search(len(s.tableLines), func(i int) bool { return s.tableLines[i].end > p })
	return i < len(s.tableLines) && s.tableLines[i].start <= p
}

// abbreviation reports a period that ends "e.g", "i.e", "vs", "etc",
// "Inc", a single initial or a number like "2." in a list.
func abbreviation(buf []byte, i int) bool {
	j := i
	for j > 0 && isAlnum(buf[j-1]) {
		j--
	}
	w := string(buf[j:i])
	switch w {
	case "e.g", "g", "i.e", "e", "vs", "etc", "Inc", "Corp", "Ltd", "Co", "No", "Dr", "Mr", "Ms", "St":
		return true
	}
	return len(w) == 1 && isUpper(w[0])
}

// monthPeriod reports a period that ends an abbreviated month
// before its day: "on Oct. 28" is one sentence.
func (s *state) monthPeriod(buf []byte, i int) bool {
	j := i
	for j > 0 && isLetterASCII(buf[j-1]) {
		j--
	}
	return i-j <= 4 && dayAfter(buf[i:]) && s.an.monthOf(buf[j:i+1]) > 0
}

// sentenceAt returns the index of the sentence holding byte i.
func (s *state) sentenceAt(i int) int {
	k := sort.Search(len(s.sents), func(k int) bool { return s.sents[k].end > i })
	if k == len(s.sents) {
		return len(s.sents) - 1
	}
	return k
}

// sentence returns the text of sentence k, trimmed and bounded for use as
// evidence.
func (s *state) sentence(k int) string {
	sp := s.sents[k]
	return s.evidence(sp.start, sp.end)
}

// evidence returns buf[start:end] trimmed, cut to at most 400 bytes on a
// rune boundary.
func (s *state) evidence(start, end int) string {
	for start < end && (s.buf[start] == ' ' || s.buf[start] == '\n') {
		start++
	}
	for end > start && (s.buf[end-1] == ' ' || s.buf[end-1] == '\n') {
		end--
	}
	if end-start > 400 {
		end = start + 400
		for end > start && !utf8.RuneStart(s.buf[end]) {
			end--
		}
	}
	return string(s.buf[start:end])
}

// number is a number read from the text.
type number struct {
	span
	value   float64
	percent bool
	// decimal: written with a fractional part.
	decimal bool
}

// readNumber reads a number starting at i: digits with thousands
// separators or a decimal point or comma ("65,8" is 65.8, "1,035" is 1035;
// "1.000" is 1000 where the language writes thousands so), and a percent
// sign. A comma is a decimal one after a lone zero ("0,910") and, where
// the language writes decimal commas, unless a second comma group follows
// ("87,500" is 87.5 in Vietnamese, "1,000,000" a million everywhere).
func (s *state) readNumber(i int) (number, bool) {
	buf := s.buf
	if i >= len(buf) || !isDigit(buf[i]) || (i > 0 && (isAlnum(buf[i-1]) || buf[i-1] == '.' || buf[i-1] == '-' && i > 1 && isAlnum(buf[i-2]))) {
		return number{}, false
	}
	j := i
	var digits []byte
	decimal := false
	for j < len(buf) {
		c := buf[j]
		switch {
		case isDigit(c):
			digits = append(digits, c)
			j++
			continue
		case (c == ',' || c == '.') && j+1 < len(buf) && isDigit(buf[j+1]):
			k := j + 1
			for k < len(buf) && isDigit(buf[k]) {
				k++
			}
			group := k - j - 1
			thousands := group == 3 && !decimal && !leadingZero(digits) &&
				(c == '.' && s.thousandsDot || c == ',' && (!s.decimalComma || commaGroupFollows(buf, k)))
			if thousands {
				digits = append(digits, buf[j+1:k]...)
				j = k
				continue
			}
			if decimal {
				break
			}
			decimal = true
			digits = append(digits, '.')
			digits = append(digits, buf[j+1:k]...)
			j = k
			continue
		}
		break
	}
	if j < len(buf) && isLetterASCII(buf[j]) && !(buf[j] == 'B' || buf[j] == 'T' || buf[j] == 'M' || buf[j] == 'K' || buf[j] == 'k' || buf[j] == 'x') {
		return number{}, false // part of a word: "3D", "4o"
	}
	v, err := strconv.ParseFloat(string(digits), 64)
	if err != nil {
		return number{}, false
	}
	n := number{span: span{i, j}, value: v, decimal: decimal}
	k := j
	if k < len(buf) && buf[k] == ' ' {
		k++
	}
	if k < len(buf) && buf[k] == '%' {
		n.percent = true
		n.end = k + 1
	} else if k+2 < len(buf) && buf[k] == 0xef && buf[k+1] == 0xbc && buf[k+2] == 0x85 { // fullwidth ％
		n.percent = true
		n.end = k + 3
	} else if w := s.percentWordAt(k); w > 0 {
		n.percent = true // "87.5 per cent"
		n.end = k + w
	}
	return n, true
}

// percentWordAt returns the length of a percent word of the lexicon at i
// ("per cent", "percent"), a word of its own, else 0.
func (s *state) percentWordAt(i int) int {
	if i >= len(s.buf) || isDigit(s.buf[i]) || s.buf[i] == ' ' {
		return 0
	}
	for _, w := range s.an.cat.PercentWords {
		if len(s.buf)-i < len(w) || !hasPrefixFold(s.buf[i:], w) {
			continue
		}
		if e := i + len(w); e < len(s.buf) && isAlnum(s.buf[e]) {
			continue // "percentage points"
		}
		return len(w)
	}
	return 0
}

// leadingZero reports integer digits that are a lone zero: "0,910" is
// never a thousands group.
func leadingZero(digits []byte) bool { return len(digits) == 1 && digits[0] == '0' }

// commaGroupFollows reports ",ddd" at k: a thousands chain ("1,000,000").
func commaGroupFollows(buf []byte, k int) bool {
	return k+3 < len(buf) && buf[k] == ',' && isDigit(buf[k+1]) && isDigit(buf[k+2]) && isDigit(buf[k+3]) &&
		(k+4 == len(buf) || !isDigit(buf[k+4]))
}

func isLetterASCII(b byte) bool { return isUpper(b) || isLower(b) }

// parseNumber parses a plain number with a decimal point or comma.
func parseNumber(w string) (float64, bool) {
	b := []byte(w)
	for i, c := range b {
		if c == ',' {
			b[i] = '.'
		}
	}
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}

// occurrences yields where each occurrence of w in text starts, reading
// on after its end.
func occurrences(text []byte, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for k := 0; ; {
			j := bytes.Index(text[k:], []byte(w))
			if j < 0 || !yield(k+j) {
				return
			}
			k += j + len(w)
		}
	}
}
