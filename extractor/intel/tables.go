package intel

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor"
)

// Bounds on reading tables, against adversarial pages.
const (
	// maxTableCells bounds the cells read per article.
	maxTableCells = 20000
	// maxHeadRows and maxLabelCols bound the header rows and the label
	// columns of one table.
	maxHeadRows, maxLabelCols = 4, 3
	// maxCellText is the longest cell text read for names.
	maxCellText = 120
	// maxStacked is the most benchmarks or numbers one cell may stack.
	maxStacked = 4
)

// cell is what a table cell holds.
type cell struct {
	model int // model index, -1 when none
	bench int // benchmark index, -1 when none
	name  string
	value float64
	unit  string
	num   bool
	// prefixed: the cell names a model of its own on a catalogued one
	// ("CN-CLIP"; prefixedName).
	prefixed bool
	// ours: the cell marks the article's own model ("(ours)", "Ours");
	// markOnly: the mark is all it says ("本次开源"), its text kept.
	ours, markOnly bool
	// headed: the model is read from the label alone, under a header of
	// models (headedModelRows); it scores, but a download table offers
	// it only beside a header of downloads ("Download", "下载链接"):
	// elsewhere which checkpoints a page releases its text says.
	headed bool
	// stacked are the benchmarks or numbers of a cell that stacks several
	// on separate lines ("AIME 2024<br>AIME 2025", "74.3<br>79.2"), one
	// per row of a table that merged them.
	stacked []stackedItem
	// text is the cell's text without marks; header, strong and spanned
	// are the grid's (extractor.Cell).
	text                    string
	header, strong, spanned bool
}

// stackedItem is one benchmark or number of a stacked cell.
type stackedItem struct {
	bench int
	name  string
	value float64
}

// table is one table of the page, read cell by cell: its first head rows
// are headers and its first labels columns label the rows; across says
// the models stand across the header (benchmarks down the label columns),
// else down the label columns; download: it offers models for download.
type table struct {
	rows         [][]cell
	head, labels int
	// modelCol is the label column headed as models ("Model"), -1 when
	// none: its cell names the row's model before any other label's.
	modelCol int
	// benchCol is the label column headed as benchmarks ("Dataset"), -1
	// when none: its label names the row's benchmark.
	benchCol       int
	across, scored bool
	download       bool
	// tiered: its rows are the article's own model in tiers (tierRows).
	tiered bool
	unit   string
	// heading is the text of the page's heading over the table.
	heading string
	// headingRead is set once headingBench has read heading for the
	// benchmark it names: headingName and headingIdx, or headingMixed
	// for a heading that names none catalogued or two.
	headingRead, headingMixed bool
	headingName               string
	headingIdx                int
}

// tableModels reads the models in table cells (so a model shown only in a
// table is found), lays out each table (header rows, label columns, which
// way the models stand) and notes the models offered for download and
// those compared in benchmark tables.
func (s *state) tableModels() {
	budget := maxTableCells
	s.tableCells = s.tableCells[:0]
	for _, t := range s.tables {
		if budget <= 0 {
			break
		}
		tb := s.readTable(t, &budget)
		s.tableCells = append(s.tableCells, tb)
		s.noteDownloads(tb)
		s.noteBenched(tb)
	}
	for i := range s.tableCells {
		s.laterNamedRows(&s.tableCells[i])
		s.tierRows(&s.tableCells[i])
		s.sizedRows(&s.tableCells[i]) // once every table named its models
	}
}

// laterNamedRows reads again the row labels of a table of models down its
// label columns that named no model when the table was read: a model a
// later table introduced ("Zyla Audio 2 (base)" in a table without a
// "Model" header, before the table headed so that names it) is that
// row's model.
func (s *state) laterNamedRows(tb *table) {
	if tb.across || !tb.scored || tb.download || tb.labels < 1 {
		return
	}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		if len(row) <= tb.labels || !rowScored(row[tb.labels:]) {
			continue
		}
		if m, _ := tb.rowModel(r); m >= 0 {
			continue
		}
		c := max(tb.modelCol, 0)
		if k := row[c]; k.text == "" || k.num || k.bench >= 0 {
			continue
		}
		if k := s.readCell(row[c].text); k.model >= 0 && k.bench < 0 {
			row[c].model = k.model
		}
	}
}

// tierRows reads a table of scores whose rows are the article's own model
// in several tiers and name no model: labels that are only a tier word
// ("Base", "Small", "Tiny"), a number after it or not ("Base2"), written
// once or beside each of its download marks ("🤗Base 🗜Base"). Each such
// row is the article's model in that tier ("Nimbus-Base"), recorded from
// the table, so its scores are credited to it. Two rows of tiers at
// least, and no row naming a model of its own; a topic whose name ends
// with a tier word has no tiers of its own.
func (s *state) tierRows(tb *table) {
	if s.topic < 0 || tb.across || tb.labels < 1 || len(tb.rows)-tb.head < 2 {
		return
	}
	base := s.tierBase()
	if toks := nameTokens(s.models[base].name); len(toks) == 0 || s.an.c.variants[toks[len(toks)-1]].spaced {
		return
	}
	c := max(tb.modelCol, 0)
	lower := s.tierLabelColumn(tb, c)
	var rows []int
	words := map[string]bool{}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		if len(row) <= tb.labels || !rowScored(row[tb.labels:]) {
			continue
		}
		if m, _ := tb.rowModel(r); m >= 0 {
			return
		}
		w := s.tierWordCase(row[c].text, lower)
		if w == "" {
			// A lowercase tier elsewhere only where the text writes it
			// after the model's name ("Zyla small"); the text is searched
			// for tier words only, not for every label.
			if t := s.tierWordCase(row[c].text, true); t != "" && s.writesWord(s.models[base].name+" "+strings.TrimSpace(row[c].text)) {
				w = t
			}
		}
		if w != "" {
			rows = append(rows, r)
			words[w] = true
		}
	}
	if len(words) < 2 {
		return
	}
	for _, r := range rows {
		k := &tb.rows[r][c]
		if m := s.sizedModel(base, s.tierWord(k.text), true); m >= 0 {
			k.model = m
		}
	}
	tb.tiered = true
	tb.orient()
}

// tierLabelColumn reports a label column c where a tier may be written
// in lowercase ("small", "large"): one headed as models ("Model") or as
// sizes or tiers ("Size", "Variant", "7B"), not one of settings ("Batch").
func (s *state) tierLabelColumn(tb *table, c int) bool {
	if tb.modelCol >= 0 {
		return true
	}
	if tb.head < 1 || c >= len(tb.rows[tb.head-1]) {
		return false
	}
	h := strings.ToLower(benchLabel(tb.rows[tb.head-1][c].text))
	return sizeLabel(h) || slices.Contains(s.an.cat.TierHeads, h)
}

// tierBase returns the model whose tiers a table of tiers lists: the
// topic, or the series its version numbers ("LTP" of "LTP 4") where the
// page names the series more often than the version.
func (s *state) tierBase() int {
	t := s.models[s.topic]
	toks := nameTokens(t.name)
	if len(toks) < 2 || !isDigit(toks[len(toks)-1][0]) {
		return s.topic
	}
	series := strings.TrimRight(t.name, "0123456789. -_")
	series = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(series, "v"), "V"), " -_")
	if m, ok := s.byKey[fold(series)]; ok && m != s.topic && s.models[m].count > t.count {
		return m
	}
	return s.topic
}

// tierWord returns the tier a table label names alone: a variant word
// written spaced after a name, capitalised or in lowercase ("Base",
// "small", "Tiny"), a number after it or not ("Base1"), repeated or not
// between the marks of its links ("🤗Base 🗜Base"), capitalised; ""
// otherwise.
func (s *state) tierWord(text string) string { return s.tierWordCase(text, true) }

// tierWordCase is tierWord, with a tier written in lowercase ("small")
// only where lower is set.
func (s *state) tierWordCase(text string, lower bool) string {
	w := ""
	for f := range strings.FieldsSeq(text) {
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if f == "" || w != "" && f != w {
			return ""
		}
		w = f
	}
	word := strings.TrimRight(w, "0123456789")
	if len(word) < 2 || !isLetterASCII(word[0]) || len(word) > 12 || !lower && !isUpper(word[0]) {
		return ""
	}
	for i := 1; i < len(word); i++ {
		if !isLower(word[i]) {
			return ""
		}
	}
	if v, ok := s.an.c.variants[strings.ToLower(word)]; !ok || !v.spaced {
		return ""
	}
	return strings.ToUpper(w[:1]) + w[1:] // "small": "Small"
}

// readTable reads one table within the cell budget.
func (s *state) readTable(t extractor.Table, budget *int) table {
	tb := table{head: headerRows(t.Rows), unit: unitOf(t.Caption), modelCol: -1, benchCol: -1, heading: t.Heading}
	tb.labels = labelColumns(t.Rows, tb.head)
	tb.rows = make([][]cell, 0, len(t.Rows))
	var seen map[string]cell // merged cells repeat their text: read once
	for r, row := range t.Rows {
		out := make([]cell, 0, len(row))
		for c, x := range row {
			if *budget--; *budget < 0 {
				break
			}
			text := x.Text
			if !utf8.ValidString(text) {
				text = strings.ToValidUTF8(text, "\uFFFD")
			}
			if needsFolding(text) {
				text = string(appendHalfwidth(nil, text)) // as the text is
			}
			var k cell
			switch cached, ok := seen[text]; {
			case !(r < tb.head || c < tb.labels || r < maxHeadRows && c < maxLabelCols):
				k = s.readNumberCell(text)
			case ok:
				k = cached
			default:
				k = s.readCell(text)
				if x.Spanned || x.ColSpan > 1 || x.RowSpan > 1 {
					if seen == nil {
						seen = map[string]cell{}
					}
					seen[text] = k
				}
			}
			// A download mark in the body ("🤗 link") or in a header
			// of its own ("Download") makes a download table; one
			// beside a model in a header links a benchmark's column.
			if r < tb.head+maxHeadRows && !tb.download && (r >= tb.head || k.model < 0) && s.isDownloadCell(text) {
				tb.download = true
			}
			k.header, k.strong, k.spanned = x.Header, x.Strong, x.Spanned
			out = append(out, k)
		}
		tb.rows = append(tb.rows, out)
	}
	s.prefixedNames(&tb)
	s.groupedNames(&tb)
	s.headedModelRows(&tb)
	s.headedModelColumns(&tb)
	tb.orient()
	s.baselineRows(&tb)
	s.baselineColumns(&tb)
	return tb
}

// baselineRows reads the rows of a benchmark table with models down its
// label column whose label no catalog or text knows but is shaped like a
// model's name ("CosyVoice 3-0.5B", "Higgs Audio v2"): beside two rows
// of models or more, such a row of scores is a model compared.
func (s *state) baselineRows(tb *table) {
	if tb.across || !tb.scored || tb.download || tb.labels < 1 {
		return
	}
	named := 0
	for r := tb.head; r < len(tb.rows); r++ {
		if m, _ := tb.rowModel(r); m >= 0 {
			named++
		}
	}
	if named < 2 {
		return
	}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		if len(row) <= tb.labels || !rowScored(row[tb.labels:]) {
			continue
		}
		if m, _ := tb.rowModel(r); m >= 0 || row[0].bench >= 0 || row[0].num {
			continue
		}
		if m := s.baselineName(row[0].text); m >= 0 {
			row[0].model = m
		}
	}
}

// rowScored reports a score among cells.
func rowScored(cells []cell) bool {
	for _, c := range cells {
		if c.num {
			return true
		}
	}
	return false
}

// baselineName records a row label shaped like a model's name as a model
// shown only in a table: a letter first, a capital and a digit
// ("olmOCR-2-7B") or a word with an inner capital and a hyphen
// ("PaddleOCR-VL"), at most four words, no metric or setting; footnote
// and other marks dropped. It returns the model or -1.
func (s *state) baselineName(text string) int {
	t := trimMarks(text)
	if len(t) < 3 || strings.ContainsAny(t, "()（）%:/,") || !(hasUpper([]byte(t)) && hasDigit(t) || innerCapHyphen(t) || s.checkpointID(t)) || !labelShaped(t) {
		return -1
	}
	return s.tableName(t)
}

// checkpointID reports one word of letters and digits joined by hyphens
// as a checkpoint's id is written ("bge-m3", "multilingual-e5-large",
// "jina-embeddings-v3", "text-embedding-3-large"): a part with a digit
// that also has a letter or is not the last, no packaging part or metric.
// A word and a bare number after it ("covid-19", "top-5", "k-12") is an
// id only where the text writes it as well ("We release community-2");
// packagings ("fp16-int8") are none.
func (s *state) checkpointID(t string) bool {
	if !strings.ContainsRune(t, '-') || !joinedWord(t) {
		return false
	}
	parts := strings.Split(t, "-")
	bare := false
	for i, p := range parts {
		if !hasDigit(p) || s.an.isFormat(p) || metricWord(p) {
			continue
		}
		if i+1 < len(parts) || hasLetter(p) {
			return true
		}
		bare = true
	}
	return bare && s.writesWord(t)
}

// writesWord reports w written as a word of the page's title or text.
func (s *state) writesWord(w string) bool {
	for at := range occurrences(s.buf, w) {
		k := at + len(w)
		if (at == 0 || !isAlnum(s.buf[at-1]) && s.buf[at-1] != '-') && (k == len(s.buf) || !isAlnum(s.buf[k]) && s.buf[k] != '-') {
			return true
		}
	}
	return false
}

// baselineColumns reads the header of a benchmark table with models
// across it whose cell no catalog or text knows but is shaped like a
// model's name (see baselineName): beside two columns of models or more,
// such a column of scores is a model compared.
func (s *state) baselineColumns(tb *table) {
	if !tb.across || !tb.scored || tb.download || tb.head < 1 {
		return
	}
	low := tb.rows[tb.head-1]
	named := 0
	for c := tb.labels; c < len(low); c++ {
		if tb.columnModel(c) >= 0 {
			named++
		}
	}
	if named < 2 {
		return
	}
	for c := tb.labels; c < len(low); c++ {
		k := &low[c]
		if tb.columnModel(c) >= 0 || k.bench >= 0 || k.num || k.text == "" || k.spanned || !tb.columnScored(c) {
			continue
		}
		if m := s.baselineName(k.text); m >= 0 {
			k.model = m
		}
	}
}

// headedName records the row label of a column headed as models
// ("Model") as a model (see labelName), shaped like a name — a letter
// first, a digit, a capital past the first letter or words joined by
// hyphens ("bce-embedding-base_v1", "CoSENT", "gte-large"), at most four
// words, no metric or setting. It returns the model or -1.
func (s *state) headedName(text string) int {
	t, repo := labelName(text)
	if len(t) < 2 || strings.ContainsAny(t, "%:/,") || !(repo || hasDigit(t) || hasUpper([]byte(t[1:])) || joinedWord(t)) || !labelShaped(t) {
		return -1
	}
	if !repo && strings.ContainsRune(t, '-') && joinedWord(t) && hasDigit(t) && !hasUpper([]byte(t)) && !s.checkpointID(t) {
		return -1 // "covid-19", "fp16-int8"
	}
	return s.tableName(t)
}

// joinedWord reports one word of letters and digits joined by hyphens,
// underscores or dots ("bge-reranker-large", a download id such as
// "encoder.large").
func joinedWord(t string) bool {
	if !strings.ContainsAny(t, "-_.") {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isAlnum(c) && !((c == '-' || c == '_' || c == '.') && i > 0 && i+1 < len(t) && isAlnum(t[i-1]) && isAlnum(t[i+1])) {
			return false
		}
	}
	return true
}

// labelName returns the name a model's table label gives: the text before
// any bracket ("sam2.1_hiera_large (config, checkpoint)"), the name after
// its owner's in a repository id ("shibing624/text2vec-base-chinese"),
// marks dropped; and whether it was a repository id.
func labelName(text string) (string, bool) {
	t := text
	if i := strings.IndexAny(t, "(（["); i > 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(t)
	repo := false
	if owner, name, ok := strings.Cut(t, "/"); ok && owner != "" && !strings.ContainsAny(owner, " /") && name != "" && !strings.ContainsAny(name, " /") {
		t, repo = name, true
	}
	return trimMarks(t), repo
}

// innerCapHyphen reports one word with a capital after a small letter and
// a hyphen ("PaddleOCR-VL", "DeepSeek-OCR").
func innerCapHyphen(t string) bool {
	return !strings.ContainsRune(t, ' ') && strings.ContainsRune(t, '-') && hasInnerUpper(t)
}

// labelShaped reports a table label that may be a model's name: a letter
// first, at most four words, no metric or setting.
func labelShaped(t string) bool {
	return len(t) <= maxCellText && isLetterASCII(t[0]) && len(strings.Fields(t)) <= 4 && !metricWord(t) && !setting(t)
}

// tableName records t as a model shown only in a table and returns it.
func (s *state) tableName(t string) int {
	sub := s.cellState(t)
	m := sub.addMention(span{0, len(sub.buf)}, -1, -1, string(sub.buf), nil,
		resolution{how: howDiscovered, conf: resolveConf.discovered, by: -1})
	s.models = sub.models
	return m
}

// trimMarks drops the marks after a table label ("RF-DETR-XL △",
// "Model-7B*†") and the spaces around it.
func trimMarks(t string) string {
	t = strings.TrimSpace(t)
	for t != "" {
		r, size := utf8.DecodeLastRuneInString(t)
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ')' || r == '）' {
			break
		}
		t = strings.TrimSpace(t[:len(t)-size])
	}
	return t
}

// headedModelRows reads the rows of scores of a table with a label column
// headed as models ("Model", "模型"): that column's label names each
// row's model, though no catalog or text knows it, and the whole label
// does where a catalogued name covers only its start ("CoSENT" of
// "CoSENT-macbert-base", beside an "Arch" column of "CoSENT"). In a
// download table every row's label does, scored or not ("Checkpoint |
// Parameters | Notes": the checkpoints a README offers).
func (s *state) headedModelRows(tb *table) {
	c := s.modelHeader(tb)
	if c < 0 {
		return
	}
	tb.modelCol = c
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		if len(row) <= tb.labels || row[c].bench >= 0 || row[c].num || row[c].ours || !rowScored(row[tb.labels:]) && !tb.download {
			continue
		}
		if name, _ := labelName(row[c].text); row[c].model >= 0 && fold(s.models[row[c].model].name) == fold(name) {
			continue
		}
		if m := s.headedName(row[c].text); m >= 0 {
			row[c].model, row[c].headed = m, true
		}
	}
}

// sizedRows reads the rows of scores of a table whose label columns give
// a model's name and, in a column of their own, its size ("Qwen2.5 | 72B
// | 86.1"): the row's model is the sized one ("Qwen2.5-72B") where the
// article or any of its tables names it; and where the table lists the
// article's own model
// in several sizes ("Nimbus-2 | 7B", "Nimbus-2 | 72B"), each size is a
// model of its own, recorded from the table. A rival's size the article
// never names leaves the row's model as it is.
func (s *state) sizedRows(tb *table) {
	if !tb.scored || tb.across {
		return
	}
	c := tb.sizeColumn()
	if c < 0 {
		return
	}
	sizes := map[int]map[string]bool{} // the sizes the table gives each model
	for r := tb.head; r < len(tb.rows); r++ {
		if m, _ := tb.rowModel(r); m >= 0 && c < len(tb.rows[r]) {
			if sizes[m] == nil {
				sizes[m] = map[string]bool{}
			}
			sizes[m][tb.rows[r][c].text] = true
		}
	}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		m, _ := tb.rowModel(r)
		if m < 0 || c >= len(row) || !sizeLabel(row[c].text) {
			continue
		}
		if _, sized := nameSize(nameTokens(s.models[m].name)); sized {
			continue // "VoxCPM-0.5B | 0.5B"
		}
		sized := s.sizedModel(m, row[c].text, len(sizes[m]) >= 2 && s.topicFamily(m))
		if sized < 0 {
			continue
		}
		for k := 0; k < tb.labels && k < len(row); k++ {
			if row[k].model == m {
				row[k].model = sized
			}
		}
	}
}

// sizedModel returns model m in size ("Qwen2.5" and "72B":
// "Qwen2.5-72B"): the one the article names, else, when record is set,
// one recorded from the table; -1 when none.
func (s *state) sizedModel(m int, size string, record bool) int {
	name := s.models[m].name + "-" + size
	if i, ok := s.byKey[fold(name)]; ok {
		return i
	}
	if !record {
		return -1
	}
	return s.tableName(name)
}

// topicFamily reports the article's topic or a model of its family.
func (s *state) topicFamily(m int) bool {
	if s.topic < 0 {
		return false
	}
	t := s.models[s.topic]
	return m == s.topic || t.family >= 0 && s.models[m].family == t.family
}

// sizeColumn returns the label column, past the first, whose body cells
// are model sizes ("7B", "0.5B", "560M"; "-" where one is unknown), at
// least two of them; -1 when none is.
func (tb *table) sizeColumn() int {
	for c := 1; c < tb.labels; c++ {
		n, ok := 0, true
		for r := tb.head; r < len(tb.rows) && ok; r++ {
			if c >= len(tb.rows[r]) {
				continue
			}
			switch t := tb.rows[r][c].text; {
			case sizeLabel(t):
				n++
			case t != "" && strings.Trim(t, "-–—") != "":
				ok = false
			}
		}
		if ok && n >= 2 {
			return c
		}
	}
	return -1
}

// sizeLabel reports a label that is a model's size: a number and "B" or
// "M" ("7B", "0.5B", "560M"), or a mixture's total and active sizes
// ("30B-A3B").
func sizeLabel(t string) bool {
	if total, active, ok := strings.Cut(t, "-A"); ok {
		return sizeLabel(total) && sizeLabel(active)
	}
	if len(t) < 2 {
		return false
	}
	u := t[len(t)-1]
	return (u == 'B' || u == 'M' || u == 'b') && plainNumber(t[:len(t)-1])
}

// headedModelColumns reads the header of a table whose label column is
// headed as benchmarks ("Benchmark", "数据集"): a header cell across it
// that names no model, benchmark or metric but is shaped like a
// checkpoint's name — a digit or a hyphen in one word ("community-1") —
// or is a word the text keeps writing ("SKEP") names the column's model.
func (s *state) headedModelColumns(tb *table) {
	if tb.labels < 1 || tb.head < 1 {
		return
	}
	if tb.benchCol = s.benchHeader(tb); tb.benchCol < 0 {
		return
	}
	for r := tb.head; r < len(tb.rows); r++ {
		if c := tb.benchCol; c < len(tb.rows[r]) && tb.rows[r][c].model >= 0 && tb.rows[r][c].bench < 0 {
			tb.rows[r][c].model = -1 // "DuCTB1.0" under "数据集": a test set
		}
	}
	low := tb.rows[tb.head-1]
	for c := tb.labels; c < len(low); c++ {
		k := &low[c]
		if tb.columnModel(c) >= 0 || k.bench >= 0 || k.num || k.ours || strings.ContainsRune(strings.TrimSpace(k.text), ' ') {
			continue // a model's column already ("Nimbus-3" over "Non-thinking")
		}
		if t, _ := labelName(k.text); !hasDigit(t) && !strings.ContainsAny(t, "-_") && !s.recurring(t) {
			continue
		}
		if m := s.headedName(k.text); m >= 0 {
			k.model, k.headed = m, true
		}
	}
}

// minRecurring is how often the text writes a word for a column's
// header to name a model by it alone ("SKEP" over scores on "SST-2").
const minRecurring = 3

// recurring reports a word of three letters or more, a capital first and
// no metric, that the text writes at least minRecurring times whole.
func (s *state) recurring(w string) bool {
	if len(w) < 3 || !isUpper(w[0]) || metricWord(w) {
		return false
	}
	n := 0
	for i := 0; n < minRecurring; {
		j := bytes.Index(s.buf[i:], []byte(w))
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isAlnum(s.buf[j-1])) && (end == len(s.buf) || !isAlnum(s.buf[end])) {
			n++
		}
		i = end
	}
	return true
}

// benchHeader returns the label column headed as benchmarks, -1 when
// none is.
func (s *state) benchHeader(tb *table) int {
	for r := 0; r < tb.head && r < len(tb.rows); r++ {
		for c := 0; c < tb.labels && c < len(tb.rows[r]); c++ {
			t := tb.rows[r][c].text
			if i := strings.IndexAny(t, "(（"); i > 0 {
				t = t[:i]
			}
			t = strings.TrimSpace(strings.Trim(t, "*_ "))
			for _, h := range s.an.cat.BenchHeaders {
				if strings.EqualFold(t, h) {
					return c
				}
			}
		}
	}
	return -1
}

// modelHeader returns the label column whose header heads a column of
// models, -1 when none does; of two, the one whose header comes first
// in the catalog's list ("Model" before "Method"). In a download table
// with none, a column headed as names ("名称", the lexicon's
// name_headers) whose names link a model hub heads the models it offers.
func (s *state) modelHeader(tb *table) int {
	best, rank, named := -1, len(s.an.cat.ModelHeaders), -1
	for r := 0; r < tb.head && r < len(tb.rows); r++ {
		for c := 0; c < tb.labels && c < len(tb.rows[r]); c++ {
			t := strings.TrimSpace(strings.Trim(tb.rows[r][c].text, "*_ "))
			for i, h := range s.an.cat.ModelHeaders[:rank] {
				if strings.EqualFold(t, h) {
					best, rank = c, i
					break
				}
			}
			if best < 0 && tb.download && slices.ContainsFunc(s.an.cat.NameHeaders, func(h string) bool { return strings.EqualFold(t, h) }) && s.hubColumn(tb, c) {
				named = c
			}
		}
	}
	if best < 0 {
		return named
	}
	return best
}

// groupedNames reads the header columns that name no model alone but do
// under the merged cell above them: a vendor or series over its short
// versions ("DeepSeek" over "V3.2" and "V3.2-Speciale").
func (s *state) groupedNames(tb *table) {
	if tb.head < 2 {
		return
	}
	low := tb.rows[tb.head-1]
	for c := tb.labels; c < len(low); c++ {
		if low[c].model >= 0 || low[c].bench >= 0 || low[c].num || low[c].text == "" {
			continue
		}
		up := tb.rows[tb.head-2]
		if m := s.joinedHeader(up, low, c); m >= 0 {
			low[c].model = m
			continue
		}
		if m := s.tierUnder(up, low, c); m >= 0 {
			low[c].model = m
			continue
		}
		if c < len(up) && up[c].model >= 0 && !s.models[up[c].model].bare && (isDigit(low[c].text[0]) || s.variantModel(up[c].text, low[c].text)) && up[c].text != low[c].text {
			// A series over its sizes or variants: "LLM-jp-3.1" over
			// "13b-instruct4" is LLM-jp-3.1-13b-instruct4,
			// "Granite-4.0" over "H-Small" Granite-4.0-H-Small.
			// The words under the series go on its name, whatever spaces
			// them: "OLMo 3" over "7B Think" is OLMo-3-7B-Think; failing
			// that, a series written with spaces goes on with spaces:
			// "Granite 5.0" over "8B Instruct" is Granite 5.0 8B Instruct.
			k := s.readCell(up[c].text + "-" + joinWords(low[c].text))
			if k.model < 0 || k.model == up[c].model || k.bench >= 0 {
				if strings.Contains(up[c].text, " ") || strings.Contains(low[c].text, " ") {
					k = s.readCell(up[c].text + " " + low[c].text)
				}
			}
			if k.model < 0 || k.model == up[c].model || k.bench >= 0 {
				if j := overlapJoin(up[c].text, low[c].text); j != "" {
					// "Lyra 5.0" over "5.0 Mini": the low cell repeats
					// the series' version before its variant.
					k = s.readCell(j)
				}
			}
			if k.model >= 0 && k.model != up[c].model && k.bench < 0 {
				low[c].model = k.model
			}
			continue
		}
		if m := s.siblingVariant(tb, c); m >= 0 {
			low[c].model = m
			continue
		}
		if tb.columnModel(c) >= 0 {
			continue
		}
		if c >= len(up) || up[c].text == "" || up[c].text == low[c].text || up[c].model >= 0 && !s.models[up[c].model].bare {
			continue
		}
		if k := s.readCell(up[c].text + " " + low[c].text); k.model >= 0 && k.bench < 0 && !s.models[k.model].bare {
			low[c].model = k.model
		}
	}
	up := tb.rows[tb.head-2]
	for c := tb.labels; c < len(low); c++ {
		if low[c].model >= 0 || low[c].bench >= 0 || low[c].num {
			continue
		}
		if c < len(up) && up[c].markOnly {
			// "本次开源" over "20B-Chat": the own model whose name ends so,
			// a size first or not (InternLM4-20B-Chat).
			low[c].model = s.ownShortHeader(low[c].text, true)
		} else if tb.columnModel(c) < 0 {
			low[c].model = s.ownShortHeader(low[c].text, false) // "M2.5-Lite" of MiniMax-M2.5-Lite
		}
	}
}

// tierUnder returns the model a tier word names under a merged header
// cell of the article's own series ("Zyla-ASR" over "Tiny" and "Base"):
// the series in that tier ("Zyla-ASR-Tiny"), recorded from the table
// when the text does not name it; -1 when the cell is no tier, or the
// series over it is a rival's or already ends with a tier.
func (s *state) tierUnder(up, low []cell, c int) int {
	if c >= len(up) || up[c].model < 0 || up[c].text == low[c].text {
		return -1
	}
	m := up[c].model
	if !up[c].ours && !s.topicFamily(m) || s.models[m].bare {
		return -1
	}
	if toks := nameTokens(s.models[m].name); len(toks) == 0 || s.an.c.variants[toks[len(toks)-1]].spaced {
		return -1
	}
	w := s.tierWord(low[c].text)
	if w == "" {
		return -1
	}
	return s.sizedModel(m, w, true)
}

// overlapJoin joins a series' name and the header under it that repeats
// the series' last words before words of its own ("Lyra 5.0" and "5.0
// Mini": "Lyra 5.0 Mini"); "" when low repeats none of them or adds
// nothing.
func overlapJoin(up, low string) string {
	u, l := strings.Fields(up), strings.Fields(low)
	for n := min(len(u)-1, len(l)-1); n >= 1; n-- {
		if slices.Equal(u[len(u)-n:], l[:n]) {
			return strings.Join(append(slices.Clone(u), l[n:]...), " ")
		}
	}
	return ""
}

// joinedHeader returns the model the text names whose name is a merged
// header cell's and the short one under it run together, whatever spaces
// or hyphens them ("Halyard-Coder 2 (ours)" over "14B" is
// Halyard-Coder-2-14B, "Motif 3" over "24B-Reasoning"
// Motif-3-24B-Reasoning), other than the merged cell's own model; -1
// when none.
func (s *state) joinedHeader(up, low []cell, c int) int {
	if c >= len(up) || up[c].text == "" || up[c].text == low[c].text || !hasDigit(low[c].text) {
		return -1
	}
	m, ok := s.byKey[fold(up[c].text+low[c].text)]
	if !ok || m == up[c].model || s.models[m].count == 0 {
		return -1
	}
	return m
}

// siblingVariant returns the model a low header cell of variant words
// names beside a model under the same merged cell ("本次开源" over
// "GLM-5.1" and "Air", "M2.5" and "M2.5-Lite"): that model's variant the
// text names ("GLM-5.1-Air", "MiniMax-M2.5-Lite"), or -1.
func (s *state) siblingVariant(tb *table, c int) int {
	up, low := tb.rows[tb.head-2], tb.rows[tb.head-1]
	if c >= len(up) || up[c].text == "" {
		return -1
	}
	for d := c - 1; d >= tb.labels && d < len(up) && up[d].text == up[c].text; d-- {
		m := low[d].model
		if m < 0 || s.models[m].bare {
			continue
		}
		// "M2.5" beside "M2.5-Lite": the words after the sibling's.
		v := strings.TrimLeft(strings.TrimPrefix(low[c].text, low[d].text), "- ")
		if v == "" || !s.variantModel(s.models[m].name, v) && !s.variantModel(low[d].text, v) {
			continue
		}
		for _, name := range []string{s.models[m].name + "-" + v, low[d].text + "-" + v} {
			if k := s.readCell(name); k.model >= 0 && k.model != m && k.bench < 0 {
				return k.model
			}
		}
	}
	return -1
}

// ownShortHeader returns the one model of the article's own that a header
// cell names by the end of its name ("M2.5-Lite" of MiniMax-M2.5-Lite,
// "M2.5" of MiniMax-M2.5): a letter, a version or a variant word, -1
// when none or more than one. sized lets it open with a size ("20B-Chat"
// of InternLM4-20B-Chat), for a column under a cell that only marks the
// article's own models.
func (s *state) ownShortHeader(text string, sized bool) int {
	q := nameTokens(text)
	if s.topic < 0 || len(q) < 2 || len(q) > 4 || !hasDigit(text) || !isLetterASCII(text[0]) && !(sized && isDigit(text[0])) {
		return -1
	}
	return s.ownEndingWith(q)
}

// joinWords joins the words of a short header with hyphens ("7B Think"
// → "7B-Think"), when they are all letters and digits.
func joinWords(t string) string {
	for i := 0; i < len(t); i++ {
		if !isAlnum(t[i]) && t[i] != ' ' && t[i] != '.' && t[i] != '-' {
			return t
		}
	}
	return strings.Join(strings.Fields(t), "-")
}

// variantModel reports a header cell of variant words joined by hyphens
// ("H-Small", "Instruct", "Thinking") under a model that, with them,
// names a model the text names: the column is that variant's. Under a
// model the text names only whole they are its modes ("Thinking" and
// "Non-thinking" of one model), and a setting written with spaces
// ("Reasoning Off") is never a name.
func (s *state) variantModel(series, text string) bool {
	if text == "" || strings.ContainsAny(text, " \t") {
		return false
	}
	if _, ok := s.byKey[fold(series+text)]; !ok {
		return false
	}
	var tmp [48]byte
	for w := range strings.SplitSeq(text, "-") {
		if _, ok := s.an.c.variants[string(lowerKey(&tmp, w))]; !ok || w == "" || !isUpper(w[0]) {
			return false
		}
	}
	return true
}

// headerRows returns how many leading rows are headers: the first row,
// the rows after it that are all header cells (<th>, <thead>), and a
// second row of labels ("5-shot", "CER (%)") over rows of numbers.
func headerRows(rows [][]extractor.Cell) int {
	n := 1
	for n < len(rows)-1 && n < maxHeadRows && allHeader(rows[n]) && !groupRow(rows[n]) {
		n++
	}
	if n == 1 && len(rows) > 2 && !anyNumber(rows[1], 1) && anyNumber(rows[2], 1) && !groupRow(rows[1]) {
		n = 2
	}
	return n
}

func allHeader(row []extractor.Cell) bool {
	for _, c := range row {
		if !c.Header && c.Text != "" {
			return false
		}
	}
	return len(row) > 0
}

// anyNumber reports a score among the cells of row from column from on.
func anyNumber(row []extractor.Cell, from int) bool {
	for i := from; i < len(row); i++ {
		if _, _, ok := cellNumber(row[i].Text); ok || stackedNumbers(row[i].Text) != nil {
			return true
		}
	}
	return false
}

// groupRow reports a row that names a group of the rows below it
// ("Coding Tasks", "Closed-Source Models"): one text, merged across the
// row or alone in its first cell.
func groupRow(row []extractor.Cell) bool {
	if len(row) < 2 || row[0].Text == "" {
		return false
	}
	for _, c := range row[1:] {
		if c.Text != "" && !(c.Spanned && c.Text == row[0].Text) {
			return false
		}
	}
	return true
}

// labelColumns returns how many leading columns label the rows: columns
// whose body cells are mostly no scores (names, sizes, metrics), at least
// one.
func labelColumns(rows [][]extractor.Cell, head int) int {
	n := 1
	for n < maxLabelCols {
		text, body := 0, 0
		for _, row := range rows[min(head, len(rows)):] {
			if n >= len(row) || groupRow(row) {
				continue
			}
			body++
			if _, _, ok := cellNumber(row[n].Text); !ok && stackedNumbers(row[n].Text) == nil {
				text++
			}
		}
		if body == 0 || 2*text < body || n+1 >= maxRowWidth(rows) {
			break
		}
		n++
	}
	return n
}

func maxRowWidth(rows [][]extractor.Cell) int {
	w := 0
	for _, r := range rows {
		w = max(w, len(r))
	}
	return w
}

// orient decides which way the models stand: across the header when more
// columns than rows name a model, down the label columns otherwise.
func (tb *table) orient() {
	across, down := 0, 0
	width := 0
	for _, row := range tb.rows {
		width = max(width, len(row))
	}
	for c := tb.labels; c < width; c++ {
		if tb.columnModel(c) >= 0 {
			across++
		}
	}
	for r := tb.head; r < len(tb.rows); r++ {
		if m, _ := tb.rowModel(r); m >= 0 {
			down++
		}
	}
	tb.across = across >= 1 && across >= down
	n := tb.scores()
	tb.scored = across+down > 0 && (n >= 2 || n == 1 && !tb.across && tb.benchScored())
}

// benchScored reports a score in the body under a header cell that
// names a catalogued benchmark ("COCO精度（AP）") or a score metric
// ("Accuracy"): a table of one model and one score scores it, where a
// lone number elsewhere may be a size.
func (tb *table) benchScored() bool {
	for r := tb.head; r < len(tb.rows); r++ {
		for c := tb.labels; c < len(tb.rows[r]); c++ {
			if !tb.rows[r][c].num {
				continue
			}
			if _, bench, _ := tb.columnBench(c); bench >= 0 || tb.scoreHeaded(c) {
				return true
			}
		}
	}
	return false
}

// scoreHeaded reports a column whose lowest header cell names a score
// metric ("Accuracy", "F1", "정확도").
func (tb *table) scoreHeaded(c int) bool {
	low := tb.head - 1
	return low >= 0 && c < len(tb.rows[low]) && scoreWord(benchLabel(tb.rows[low][c].text))
}

// scores counts the scores in the table's body.
func (tb *table) scores() int {
	n := 0
	for r := tb.head; r < len(tb.rows); r++ {
		for c := tb.labels; c < len(tb.rows[r]); c++ {
			if tb.rows[r][c].num {
				n++
			}
		}
	}
	return n
}

// columnModel returns the model a column's header names, from the lowest
// header row that names one ("Qwen3-235B-A22B" over "Thinking"), or -1.
func (tb *table) columnModel(c int) int {
	for r := tb.head - 1; r >= 0; r-- {
		if r < len(tb.rows) && c < len(tb.rows[r]) && tb.rows[r][c].model >= 0 {
			return tb.rows[r][c].model
		}
	}
	return -1
}

// columnOurs reports an "(ours)" mark in a column's header.
func (tb *table) columnOurs(c int) bool {
	for r := 0; r < tb.head && r < len(tb.rows); r++ {
		if c < len(tb.rows[r]) && tb.rows[r][c].ours {
			return true
		}
	}
	return false
}

// rowModel returns the model a row's label columns name (the column
// headed as models first, else the leftmost), and whether they mark it as
// the article's own.
func (tb *table) rowModel(r int) (int, bool) {
	row := tb.rows[r]
	ours := false
	for c := 0; c < tb.labels && c < len(row); c++ {
		ours = ours || row[c].ours
	}
	if c := tb.modelCol; c >= 0 {
		if c < len(row) && row[c].model >= 0 {
			return row[c].model, ours
		}
		return -1, ours // the other labels are a method's, a base's
	}
	for c := 0; c < tb.labels && c < len(row); c++ {
		if row[c].model >= 0 {
			return row[c].model, ours
		}
	}
	return -1, ours
}

// noteDownloads notes the models a download table offers: the first model
// of each row (in the column headed as models, when one is: a model a
// description names, "using the BERT-large architecture", is the row's
// base), and any model written beside a download mark ("🤗
// Baichuan2-7B-Chat"); the models a row lists as its parts ("Language
// Part": Qwen2.5-7B-Instruct) are not offered. A label read only as a
// model under a header of models is offered when a header cell of the
// table is a download mark ("Model | Layers | Download": a README's sizes
// to download) or when its own cell links it to a model hub ("seed-x-tiny
// (🤗)"), not when only a label says "checkpoint".
func (s *state) noteDownloads(tb table) {
	if !tb.download {
		return
	}
	marked := s.markColumns(tb)
	headerOffers := s.downloadHeader(tb)
	for r := 1; r < len(tb.rows); r++ {
		if s.unofferedRow(tb.rows[r]) || s.unmarkedRow(tb.rows[r], marked) {
			continue
		}
		first := true
		for i, c := range tb.rows[r] {
			if c.model < 0 || c.spanned || c.headed && !headerOffers && !s.hubMarked(c.text) {
				continue
			}
			named := tb.modelCol < 0 || i == tb.modelCol
			if first && named || s.isDownloadCell(c.text) {
				s.downloads = append(s.downloads, c.model)
			}
			first = false
		}
	}
}

// hubColumn reports a body cell of column c that links a model hub
// (hubMarked): its names are the models the hub holds ("wisp-vc-tiny
// (🤗)"), not the corpora a "Download" column links.
func (s *state) hubColumn(tb *table, c int) bool {
	for r := tb.head; r < len(tb.rows); r++ {
		if c < len(tb.rows[r]) && s.hubMarked(tb.rows[r][c].text) {
			return true
		}
	}
	return false
}

// hubMarked reports a cell holding a link mark of a model hub (the
// lexicon's hub_marks: "seed-x-tiny (🤗)").
func (s *state) hubMarked(t string) bool {
	for _, m := range s.an.cat.HubMarks {
		if strings.Contains(t, m) {
			return true
		}
	}
	return false
}

// downloadHeader reports a header cell of a download table that is a
// download mark ("Download", "下载链接"): a column of the rows' files.
func (s *state) downloadHeader(tb table) bool {
	for r := 0; r < tb.head && r < len(tb.rows); r++ {
		for _, c := range tb.rows[r] {
			if c.model < 0 && s.isDownloadCell(c.text) {
				return true
			}
		}
	}
	return false
}

// markColumns returns the columns of a download table in which at least
// two body rows hold a download mark: its links column.
func (s *state) markColumns(tb table) []int {
	n := map[int]int{}
	for r := 1; r < len(tb.rows); r++ {
		for c, k := range tb.rows[r] {
			if !k.spanned && s.isDownloadCell(k.text) {
				n[c]++
			}
		}
	}
	var cols []int
	for c, k := range n {
		if k >= 2 {
			cols = append(cols, c)
		}
	}
	return cols
}

// unmarkedRow reports a row of a download table whose cells in the links
// columns say something and hold no download mark ("usage", "See the
// official card"), where other rows link their weights: a model the
// project runs or documents (a third party's, in a toolkit's model zoo),
// not one it offers.
func (s *state) unmarkedRow(row []cell, marked []int) bool {
	if len(marked) == 0 {
		return false
	}
	said := false
	for _, c := range marked {
		if c >= len(row) || row[c].spanned {
			continue
		}
		t := strings.TrimSpace(row[c].text)
		if s.isDownloadCell(t) {
			return false
		}
		said = said || t != ""
	}
	return said
}

// noteBenched marks the models a benchmark table compares the article's
// own against: every model of its header (or label column) but those
// marked "(ours)" and, on a project's page, the project's name as the
// title spells it with a version ("QuillOCR 0.1.0" at …/quillocr titled
// "QuillOCR"): the page's own model in the release it measures.
func (s *state) noteBenched(tb table) {
	if !tb.scored || tb.download {
		return
	}
	own := ""
	if _, repo, _, ok := s.project(); ok {
		own = s.titleSpelling(repo)
	}
	mark := func(m int, ours bool) {
		if m < 0 {
			return
		}
		if rest, ok := strings.CutPrefix(s.models[m].name, own+" "); own != "" && ok && rest != "" && isDigit(rest[0]) {
			ours = true
		}
		if ours {
			s.models[m].ours = true
		} else {
			s.models[m].benched = true
		}
	}
	if tb.across {
		for c := tb.labels; c < len(tb.rows[0]); c++ {
			mark(tb.columnModel(c), tb.columnOurs(c))
		}
		return
	}
	for r := tb.head; r < len(tb.rows); r++ {
		mark(tb.rowModel(r))
	}
}

// unofferedRow reports a download table's row that offers no checkpoint
// of this release: one whose model is retired ("Marlin-OCR-v1
// (deprecated)", a history cue in its name cell), or one that promises a
// later model and links none ("Molmo2-72B | — | planned", "coming soon"
// in a cell of a row without a repository path or download mark). Its
// model is held (planned) or recalled (earlier), so no other rule
// releases it as a variant.
func (s *state) unofferedRow(row []cell) bool {
	name := -1
	for i, c := range row {
		if c.model >= 0 && !c.spanned {
			name = i
			break
		}
	}
	if name < 0 {
		return false
	}
	rec := s.models[row[name].model]
	if s.cellCue(row[name].text, cueHistory) {
		rec.recalled = true
		return true
	}
	planned := false
	for i, c := range row {
		if i != name && (strings.Contains(c.text, "/") || s.isDownloadCell(c.text)) {
			return false // "🤗 org/Model": offered, whatever else it says
		}
		planned = planned || s.cellCue(c.text, cuePlanned)
	}
	if planned {
		rec.held = true
	}
	return planned
}

// cellCue reports a cue of kind k in a table cell's text.
func (s *state) cellCue(text string, k cueKind) bool {
	if text == "" || len(text) > maxCellText {
		return false
	}
	sub := s.cellState(text)
	sub.scan()
	s.models = sub.models
	return len(sub.cues[k]) > 0
}

func (s *state) isDownloadCell(t string) bool {
	for _, m := range s.an.cat.DownloadMarkers {
		if strings.Contains(t, m) {
			return true
		}
	}
	return false
}

// readNumberCell reads a body cell, which only numbers matter in.
func (s *state) readNumberCell(text string) cell {
	c := cell{model: -1, bench: -1, text: text}
	if v, unit, ok := cellNumber(text); ok {
		c.value, c.unit, c.num = v, unit, true
	} else if strings.IndexByte(text, ' ') > 0 {
		c.stacked = stackedNumbers(text)
	}
	return c
}

// stackedNumbers reads a cell of two to four plain numbers separated by
// spaces ("74.3 79.2"), as stacked lines flatten, or by " | " ("1.39 |
// 3.75", one number per split of the row's label), or returns nil.
func stackedNumbers(text string) []stackedItem {
	var vals [maxStacked]float64
	n := 0
	for rest := strings.TrimSpace(text); rest != ""; n++ {
		w, tail, _ := strings.Cut(rest, " ")
		if n == maxStacked || !plainNumber(w) {
			return nil // most cells: a word, a mark, a number with a note
		}
		vals[n], _ = strconv.ParseFloat(w, 64)
		rest = strings.TrimLeft(tail, " ")
		if after, ok := strings.CutPrefix(rest, "| "); ok && after != "" {
			rest = strings.TrimLeft(after, " ")
		}
	}
	if n < 2 {
		return nil
	}
	out := make([]stackedItem, n)
	for i := range out {
		out[i] = stackedItem{bench: -1, value: vals[i]}
	}
	return out
}

// readCell classifies a header or label cell: a model, a benchmark or a
// number, and whether it marks the article's own model.
func (s *state) readCell(text string) cell {
	c := cell{model: -1, bench: -1, text: text}
	if v, unit, ok := cellNumber(text); ok {
		c.value, c.unit, c.num = v, unit, true
		return c
	}
	if !hasLetter(text) {
		c.stacked = stackedNumbers(text)
		return c // "✅", "-", "5s"
	}
	t, ours := s.ownMark(strings.TrimSpace(strings.Trim(text, "*†‡§¶ ")))
	c.ours, c.text = ours, t
	if t == "" || len(t) > maxCellText {
		if ours {
			c.model = s.markedOwn() // "Ours"
		}
		if t == "" {
			c.text, c.markOnly = text, ours // "本次开源" over its columns
		}
		return c
	}
	sub := s.cellState(t)
	sub.scan()
	if len(sub.mentions) == 0 {
		// "Fun-CosyVoice3-0.5B-2512": a name the article introduced.
		for _, st := range s.stems {
			sub.sortMentions()
			sub.readStem(st, s.versioned[st], s.stems)
		}
	}
	s.models = sub.models
	if len(sub.benches) > 0 {
		c.bench, c.name = sub.benches[0].idx, sub.benches[0].name
	}
	if n := len(sub.benches); n >= 2 && n <= maxStacked && len(sub.mentions) == 0 && onlyBenches(sub) {
		for _, b := range sub.benches {
			c.stacked = append(c.stacked, stackedItem{bench: b.idx, name: b.name})
		}
	} else if len(sub.mentions) == 0 && strings.Contains(t, " | ") {
		c.stacked = s.pipedBenches(t)
	}
	if len(sub.mentions) > 0 {
		c.model = sub.mentions[0].model
		if c.bench >= 0 && sub.benches[0].start < sub.mentions[0].start {
			c.model = -1 // "MMLU (Qwen eval)"
		}
		if c.model >= 0 && s.prefixedName(sub.buf, sub.mentions[0]) {
			// "CN-CLIP": a model of its own, named on the catalogued
			// one it derives from (prefixedNames records it).
			c.model, c.prefixed = -1, true
			if i, ok := s.byKey[fold(t)]; ok {
				c.model = i
			}
		}
	}
	if c.model < 0 && c.bench < 0 {
		// A discovered model, or one the text names in another case
		// ("whisper-large-v3"), alone or before the setting it was run
		// in ("xlmr.xxl (TRANSLATE-TRAIN-ALL)").
		for _, name := range []string{t, strings.TrimSpace(t[:max(0, strings.IndexAny(t, "(（"))])} {
			if i, ok := s.byKey[fold(name)]; ok && name != "" && (s.models[i].family < 0 || hasDigit(name)) {
				c.model = i
				break
			}
		}
	}
	if c.model < 0 && c.bench < 0 && len(sub.mentions) == 0 {
		// "Nova 3 Pro" in a header, as the text wrote Amazon Nova 3 Pro
		// beside its maker: the model the text's same spelling names.
		c.model = s.spelledModel(t)
	}
	if c.model < 0 && ours && c.bench < 0 && sizeLabel(t) {
		// "Ours (2B)": the article's model in that size, as the text
		// names it.
		if own := s.markedOwn(); own >= 0 {
			c.model = s.sizedModel(own, t, false)
		}
	}
	if c.model < 0 && ours && c.bench < 0 {
		// "Zyla-VC (Ours)": a name of its own beside the mark is the
		// row's model, though the text never introduced it; only a
		// mark alone or beside plain words ("Full model (ours)") is
		// the topic's.
		c.model = s.ownName(t)
	}
	if c.model < 0 && ours {
		c.model = s.markedOwn()
	}
	return c
}

// prefixedNames records the names of their own that the labels of a
// table's scores give on a catalogued model ("CN-CLIP" beside "CLIP"):
// a header cell over a column of scores, or a label of a row of scores.
func (s *state) prefixedNames(tb *table) {
	for r, row := range tb.rows {
		for c := range row {
			k := &row[c]
			if !k.prefixed || k.model >= 0 {
				continue
			}
			switch {
			case r >= tb.head && c < tb.labels && rowScored(row[tb.labels:]):
			case r < tb.head && c >= tb.labels && tb.columnScored(c):
			default:
				continue
			}
			k.model = s.headedName(k.text)
		}
	}
}

// columnScored reports a score in a body column.
func (tb *table) columnScored(c int) bool {
	for r := tb.head; r < len(tb.rows); r++ {
		if c < len(tb.rows[r]) && tb.rows[r][c].num {
			return true
		}
	}
	return false
}

// prefixedName reports a cell that is a model's name with a word of its
// own glued before it by a hyphen ("CN-CLIP", "Zh-Whisper"): a model
// derived from the catalogued one, not it. A vendor's name before it
// ("Meta-Llama-3") is the catalogued model's, written with its maker.
func (s *state) prefixedName(buf []byte, m mention) bool {
	if m.start < 3 || m.end != len(buf) || buf[m.start-1] != '-' {
		return false
	}
	prefix := buf[:m.start-1]
	for _, b := range prefix {
		if !isAlnum(b) {
			return false
		}
	}
	return isLetterASCII(prefix[0]) && !s.vendorNamed(string(prefix))
}

// spelledModel returns the model a mention of the article's text names
// in the very spelling of a table label ("Nova 3 Pro", which the text
// read beside its maker as Amazon Nova 3 Pro), or -1: one model only,
// a spelling with a digit.
func (s *state) spelledModel(t string) int {
	t = trimMarks(t)
	if !hasDigit(t) || len(t) > maxCellText {
		return -1
	}
	key, found := fold(t), -1
	for _, m := range s.mentions {
		if m.end-m.start != len(t) || fold(string(s.buf[m.start:m.end])) != key {
			continue
		}
		if found >= 0 && found != m.model {
			return -1
		}
		found = m.model
	}
	return found
}

// markedOwn returns the model a bare own-model mark ("Ours", "本文方法")
// stands for: the one model an earlier table marked as the article's own
// by name ("Tarnwell (ours)") when the topic is another, else the topic;
// -1 when neither is.
func (s *state) markedOwn() int {
	own := -1
	for i, rec := range s.models {
		if !rec.ours || i == s.topic {
			continue
		}
		if own >= 0 {
			return s.topic // two of its own: which is unsaid
		}
		own = i
	}
	if own < 0 || s.topic >= 0 && s.models[s.topic].ours {
		return s.topic
	}
	return own
}

// ownName records the label an own-model mark stands beside as a model
// shown only in a table when it is shaped like a name (see headedName:
// a digit, a capital past the first letter, words joined by hyphens) or
// is one capitalised word the title spells so (the project's name), and
// neither a size alone ("7B (ours)" is the topic's size) nor a vendor's
// name; it returns the model or -1.
func (s *state) ownName(t string) int {
	if t == "" || sizeLabel(t) || s.vendorNamed(t) {
		return -1
	}
	if m := s.headedName(t); m >= 0 {
		return m
	}
	// "Tarnwell (ours)" on the page titled "Tarnwell: …": a plain word,
	// the project's name as its title spells it.
	if name, _ := labelName(t); len(name) >= 3 && isUpper(name[0]) && !strings.ContainsAny(name, " \t") {
		if w := s.titleSpelling(name); w == name && !s.knownWord(w) && labelShaped(w) {
			return s.tableName(w)
		}
	}
	return -1
}

// vendorNamed reports a label that is a catalogued vendor's name
// ("Acme (ours)" over the maker's columns). A maker only the article
// names may be the project's own name read off its repository path
// ("zyla-vc/EVAL.md"), the model's too.
func (s *state) vendorNamed(t string) bool {
	_, ok := s.an.c.vendorOfAlias[fold(t)]
	return ok
}

// pipedBenches reads a label that splits its benchmark between " | ",
// as its row's cells split their scores ("Librispeech clean | other" over
// "1.39 | 3.75"): the first split whole, each next one after the words
// before the first's last ("Librispeech other"). It returns nil for a
// label of more than maxStacked splits or one naming a model.
func (s *state) pipedBenches(t string) []stackedItem {
	parts := strings.Split(t, " | ")
	if len(parts) < 2 || len(parts) > maxStacked {
		return nil
	}
	first := strings.TrimSpace(parts[0])
	base := ""
	if i := strings.LastIndexByte(first, ' '); i > 0 {
		base = first[:i] + " "
	}
	out := make([]stackedItem, 0, len(parts))
	for i, p := range parts {
		name := strings.TrimSpace(p)
		if i > 0 {
			name = base + name
		}
		k := s.readCell(name)
		if k.model >= 0 || k.num {
			return nil
		}
		item := stackedItem{bench: k.bench, name: k.name}
		if k.bench < 0 || fold(k.name) != fold(name) {
			item.name = benchLabel(name) // "Librispeech other": the split as written
		}
		if item.name == "" {
			return nil
		}
		out = append(out, item)
	}
	return out
}

// onlyBenches reports a cell whose text is its benchmarks and spaces
// ("AIME 2024 AIME 2025"), not a benchmark with a note.
func onlyBenches(sub *state) bool {
	p := 0
	for _, b := range sub.benches {
		if strings.TrimSpace(string(sub.buf[p:b.start])) != "" {
			return false
		}
		p = b.end
	}
	return strings.TrimSpace(string(sub.buf[p:])) == ""
}

// hasLetter reports an ASCII letter or a character past ASCII in t.
func hasLetter(t string) bool {
	for i := 0; i < len(t); i++ {
		if isLetterASCII(t[i]) || t[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// ownMark removes an own-model mark ("(ours)", "Ours") from a cell's text
// and reports whether there was one.
func (s *state) ownMark(t string) (string, bool) {
	lower := strings.ToLower(t)
	i, j := s.ownMarkAt(lower)
	if i < 0 {
		return t, false
	}
	if len(lower) != len(t) {
		return t, true // lowercasing changed the length: keep the text
	}
	return strings.TrimSpace(strings.Trim(t[:i]+t[j:], " ()（）,")), true
}

// ownMarkAt returns where the first of the catalog's own-model marks
// stands in lower-cased text lower, as a word where the mark begins or
// ends with a letter or digit (not the "ours" of "hours", "yours"); -1
// when none does.
func (s *state) ownMarkAt(lower string) (int, int) {
	for _, lm := range s.an.c.ownMarkers {
		i := strings.Index(lower, lm)
		if i < 0 {
			continue
		}
		j := i + len(lm)
		if i > 0 && isAlnum(lower[i-1]) && isAlnum(lm[0]) || j < len(lower) && isAlnum(lower[j]) && isAlnum(lm[len(lm)-1]) {
			continue
		}
		return i, j
	}
	return -1, -1
}

// cellState returns the state that reads one table cell: it shares the
// article's models and is reused from cell to cell.
func (s *state) cellState(text string) *state {
	sub := s.sub
	if sub == nil {
		sub = &state{an: s.an, byKey: s.byKey, cellMode: true, primary: -1, topic: -1}
		s.sub = sub
	}
	sub.models = s.models
	s.cellsRead++
	sub.firstBase = len(s.buf) + 2*maxCellText*s.cellsRead
	sub.buf = appendHalfwidth(sub.buf[:0], text)
	blankURLs(sub.buf) // a cell's link names a path, as the article's do
	sub.newlines, sub.newlinesRead = sub.newlines[:0], false
	sub.orgWords, sub.orgWordsRead = nil, false
	sub.linkRows, sub.sampleEnds = nil, nil
	sub.futures, sub.futuresRead = sub.futures[:0], false
	sub.glosses = nil // read from the buffer, which is the cell's now
	sub.endingIn, sub.endingN = nil, 0
	sub.mentions = sub.mentions[:0]
	sub.sortedN = 0
	sub.benches = sub.benches[:0]
	sub.vendorHits = sub.vendorHits[:0]
	sub.licenses = sub.licenses[:0]
	for k := range sub.cues {
		sub.cues[k] = sub.cues[k][:0]
	}
	return sub
}

// cellNumber parses a score cell: "85.0", "**72.7**", "72.7*", "65,8%",
// "1,035", "72.3 ± 0.4", "85.0 (86.1)", "−2.1", "41.3%", "253 ms". Marks around the
// number (bold, footnote signs) are dropped; a value and its spread or a
// second figure in brackets give the value. Fullwidth digits and dots
// ("７１．２") read as their ASCII forms.
func cellNumber(t string) (float64, string, bool) {
	if plainNumber(t) {
		v, err := strconv.ParseFloat(t, 64)
		return v, "", err == nil // "85.0": most body cells
	}
	if r, size := utf8.DecodeLastRuneInString(t); size > 1 && footnoteMark(r) {
		u := strings.TrimRightFunc(t, footnoteMark)
		if u != "" {
			return cellNumber(u) // "1.8¹", "72.4ᵃ": the footnote is no digit of the score
		}
	}
	if needsFolding(t) {
		if f := string(appendHalfwidth(nil, t)); f != t {
			return cellNumber(f) // "７１．２"
		}
	}
	t = strings.TrimSpace(t)
	if t == "" || !isDigit(t[0]) && !strings.ContainsAny(t[:1], "*†‡§¶#^~≈-−") && !strings.HasPrefix(t, "−") {
		return 0, "", false // most label cells: a word
	}
	t = strings.TrimSpace(strings.Trim(t, "*†‡§¶#^~≈ "))
	unit := ""
	if n, u, ok := strings.Cut(t, " "); ok {
		if rest, _, _ := strings.Cut(strings.TrimSpace(u), " ("); slices.Contains(cellUnits, strings.ToLower(rest)) {
			t, unit = n, rest // "253 ms", "227.85 tokens/s (8-way concurrency)"
		}
	}
	if slashDate(t) {
		return 0, "", false // "7/18/2023": a launch date, not a score over others
	}
	if i := strings.IndexAny(t, "±+(（/"); i > 0 {
		t = strings.TrimSpace(t[:i]) // "72.3 ± 0.4", "85.0 (86.1)", "54.3/52.1"
	}
	t = strings.TrimRight(t, "*†‡§¶#^ ")
	switch {
	case strings.HasSuffix(t, "%"):
		unit, t = "%", strings.TrimSpace(strings.TrimSuffix(t, "%"))
	case strings.HasSuffix(t, "％"):
		unit, t = "%", strings.TrimSpace(strings.TrimSuffix(t, "％"))
	}
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "−"):
		neg, t = true, t[len("−"):]
	}
	if t == "" || len(t) > 12 || !isDigit(t[0]) || !isDigit(t[len(t)-1]) {
		return 0, "", false
	}
	seps, sepAt := 0, -1
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '.' || c == ',':
			seps++
			sepAt = i
		case !isDigit(c):
			return 0, "", false
		}
	}
	if seps > 1 {
		return 0, "", false
	}
	if seps == 1 && t[sepAt] == ',' && len(t)-sepAt-1 == 3 && t[:sepAt] != "0" {
		t = t[:sepAt] + t[sepAt+1:] // "1,035": thousands; "0,910" is decimal
	}
	v, ok := parseNumber(t)
	if neg {
		v = -v
	}
	return v, unit, ok
}

// footnoteMark reports a superscript digit or letter, the mark of a
// footnote after a score ("¹", "²", "ᵃ").
func footnoteMark(r rune) bool {
	switch {
	case r == '¹' || r == '²' || r == '³' || r == '⁰' || r >= '⁴' && r <= '⁹':
		return true // superscript digits
	case r == 'ⁱ' || r == 'ⁿ' || r >= 0x1D2C && r <= 0x1D61 || r >= 0x1D9C && r <= 0x1DBF:
		return true // superscript letters ("ᵃ", "ᶜ"); not the signs "⁺⁻" nor subscripts "₂", "ᵢ"
	}
	return false
}

// cellDate returns a date a cell writes alone, as year*10000+month*100+
// day ("7/18/2023" month first, "2025-04-05", "2023/7/18"), or 0. A day
// first when the first number cannot be a month ("18/7/2023").
func cellDate(t string) int {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != 3 || strings.Count(t, "/")+strings.Count(t, "-") != 2 {
		return 0
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v <= 0 {
			return 0
		}
		n[i] = v
	}
	y, mo, d := 0, 0, 0
	switch {
	case len(parts[0]) == 4:
		y, mo, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && n[0] > 12:
		y, mo, d = n[2], n[1], n[0]
	case len(parts[2]) == 4:
		y, mo, d = n[2], n[0], n[1]
	}
	if y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	return y*10000 + mo*100 + d
}

// slashDate reports a cell that writes a date with slashes ("7/18/2023",
// "18/7/2023", "2023/7/18"): a cellDate whose parts slashes join. Scores
// a slash joins ("54.3/52.1/60.0") are never so.
func slashDate(t string) bool {
	return strings.Count(t, "/") == 2 && cellDate(t) > 0
}

// cellUnits are the units a score cell may write after its number, a
// space between ("253 ms", "227.85 tokens/s"), lowercase.
var cellUnits = []string{"ms", "s", "sec", "tokens/s", "token/s", "tok/s", "it/s", "fps", "qps"}

// plainNumber reports digits with at most one decimal point and nothing
// else: "85.0", "2121".
func plainNumber(t string) bool {
	if t == "" || len(t) > 12 || !isDigit(t[0]) || !isDigit(t[len(t)-1]) {
		return false
	}
	dots := 0
	for i := 0; i < len(t); i++ {
		if t[i] == '.' {
			dots++
		} else if !isDigit(t[i]) {
			return false
		}
	}
	return dots <= 1
}

// unitOf reads the unit a label or caption gives its scores: "%" for
// "Accuracy (%)" or "(single attempt, %)", "Elo", "ms", "s".
func unitOf(label string) string {
	if strings.Contains(label, "%") || strings.Contains(label, "％") {
		return "%"
	}
	lower := strings.ToLower(label)
	for _, u := range []string{"elo", "(ms)", "(s)"} {
		if strings.Contains(lower, u) {
			if u == "elo" {
				return "Elo"
			}
			return strings.Trim(u, "()")
		}
	}
	return ""
}

// tableClaims reads the scores of benchmark tables: models across the
// header and benchmarks down the label columns, or the other way round;
// each score is credited to the exact model of its column or row.
func (s *state) tableClaims() {
	for i := range s.tableCells {
		tb := &s.tableCells[i]
		if len(tb.rows) < 2 {
			continue
		}
		if !tb.scored {
			s.topicTable(tb)
			continue
		}
		// A download table scores only catalogued benchmarks (its sizes
		// and lengths are no scores).
		if tb.across {
			s.modelColumns(tb)
		} else {
			s.benchColumns(tb)
		}
	}
}

// topicTable reads a table of the article's own model that names no
// model: rows headed as benchmarks ("数据集": "CTB5") and metrics across
// ("UAS", "LAS"); each score is the topic's on the row's benchmark by the
// column's metric ("CTB5 UAS"; see setMetric). A table naming any model is none, and so
// is one whose test sets name the topic (a test set the text took for a
// model).
func (s *state) topicTable(tb *table) {
	if s.topic < 0 || tb.download || tb.scores() < 2 {
		return
	}
	benchCol := tb.benchCol
	if benchCol < 0 && tb.labels >= 1 && s.sizesAcross(tb) {
		benchCol = 0 // "  | Small | Large": the labels are the benchmarks
	}
	if benchCol < 0 {
		return
	}
	topic := fold(s.models[s.topic].name)
	_, topicSized := nameSize(nameTokens(s.models[s.topic].name))
	for _, row := range tb.rows {
		for c, k := range row {
			if k.model >= 0 {
				return // a model of its own: not the topic's table
			}
			if c == benchCol && fold(benchLabel(k.text)) == topic {
				return // the "topic" is a test set the table lists
			}
		}
	}
	width := maxRowWidth2(tb.rows)
	base, tiers := s.tierBase(), 0 // the columns headed by a tier word
	var heads []string
	if toks := nameTokens(s.models[base].name); len(toks) > 0 && s.an.c.variants[toks[len(toks)-1]].spaced {
		tiers = -1 // "Nimbus-Large" has no tiers of its own
	}
	for c := tb.labels; c < width && tiers >= 0; c++ {
		metric, _, _ := tb.columnBench(c)
		if w := s.tierWord(metric); w != "" {
			tiers++
			heads = append(heads, w)
		}
	}
	if tiers >= 2 && !s.tierRun(heads) {
		tiers = 0 // "Fast | Deep": modes, no tiers
	}
	for c := tb.labels; c < width; c++ {
		metric, _, unit := tb.columnBench(c)
		if metric == "" {
			continue
		}
		model := s.topic
		if !topicSized && sizeLabel(metric) {
			// "Benchmark | 7B | 72B" under the topic: its sizes.
			if model = s.sizedModel(s.topic, metric, true); model < 0 {
				continue
			}
			metric = ""
		} else if w := s.tierWord(metric); w != "" && tiers >= 2 {
			// "Benchmark | Base | Large": its tiers.
			if model = s.sizedModel(base, w, true); model < 0 {
				continue
			}
			metric = ""
		}
		for r := tb.head; r < len(tb.rows); r++ {
			row := tb.rows[r]
			if c >= len(row) || !row[c].num || benchCol >= len(row) {
				continue
			}
			set := benchLabel(row[benchCol].text)
			if set == "" {
				continue
			}
			u := firstOf(row[c].unit, unit, tb.unit)
			s.scoreClaim(model, setMetric(set, metric), -1, row[c].value, u, rowEvidence(tb.rows[tb.head-1], c, row))
		}
	}
}

// tierRun reports tier words all of one run of the lexicon's tier_runs
// ("Base | Large", "Mini | Pro | Max"); modes ("Fast | Deep") are none.
func (s *state) tierRun(words []string) bool {
	for _, run := range s.an.cat.TierRuns {
		all := true
		for _, w := range words {
			if !slices.ContainsFunc(run, func(t string) bool { return strings.EqualFold(t, strings.TrimRight(w, "0123456789")) }) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// sizesAcross reports a header that only gives the topic's sizes or
// tiers across, two at least ("7B | 72B", "Small | Large"), over
// labels that name no model: a table of the topic's own sizes, whatever
// heads its label column.
func (s *state) sizesAcross(tb *table) bool {
	if tb.head < 1 {
		return false
	}
	n := 0
	for c := tb.labels; c < len(tb.rows[tb.head-1]); c++ {
		t := benchLabel(tb.rows[tb.head-1][c].text)
		switch {
		case t == "":
		case sizeLabel(t) || s.tierWord(t) != "":
			n++
		default:
			return false
		}
	}
	return n >= 2
}

// setMetric names a score of a topic table: the test set and the metric
// ("CTB5 UAS"), the set alone under a column that only says it is a
// score ("Score", "Accuracy", "得分").
func setMetric(set, metric string) string {
	if metric == "" || summaryLabel(metric) {
		return set
	}
	return set + " " + metric
}

// maxRowWidth2 is the width of the widest row of cells.
func maxRowWidth2(rows [][]cell) int {
	w := 0
	for _, r := range rows {
		w = max(w, len(r))
	}
	return w
}

// modelColumns reads a table with models across the header: each body
// row is a benchmark.
func (s *state) modelColumns(tb *table) {
	width := len(tb.rows[0])
	models := make([]int, width)
	units := make([]string, width)
	for c := range models {
		models[c] = -1
		if c >= tb.labels {
			models[c] = tb.columnModel(c)
			if models[c] < 0 && tb.columnOurs(c) {
				models[c] = s.markedOwn()
			}
			for r := 0; r < tb.head; r++ {
				if c < len(tb.rows[r]) && units[c] == "" {
					units[c] = unitOf(tb.rows[r][c].text)
				}
			}
		}
	}
	nameCol := tb.nameColumn()
	catalogued := false // a row names a catalogued benchmark
	for r := tb.head; r < len(tb.rows) && !catalogued; r++ {
		_, bench, _ := tb.rowBench(tb.rows[r], nameCol)
		catalogued = bench >= 0
	}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		name, bench, unit := tb.rowBench(row, nameCol)
		if name == "" {
			continue
		}
		name, bench = s.unitBench(name, bench)
		if !catalogued {
			name, bench = s.headingBench(tb, name, bench)
		}
		if tb.download && bench < 0 && tb.benchCol < 0 && !s.metricLabel(tb, row) {
			continue
		}
		if st := tb.stackedBenches(row); st != nil && !tb.unpairedPipes(row, len(st)) {
			s.stackedRow(tb, row, st, models, units, unit)
			continue
		}
		for c := tb.labels; c < len(row) && c < width; c++ {
			if !row[c].num || models[c] < 0 {
				continue
			}
			u := firstOf(row[c].unit, units[c], unit, tb.unit)
			s.scoreClaim(models[c], name, bench, row[c].value, u, rowEvidence(tb.rows[0], c, row))
		}
	}
}

// metricLabel reports a body row whose label columns name a quality
// metric ("mAP", "Top-1 Acc"): a row of scores, in a table of downloads
// too.
func (s *state) metricLabel(tb *table, row []cell) bool {
	for c := 0; c < tb.labels && c < len(row); c++ {
		if s.metricNamed(row[c].text) {
			return true
		}
	}
	return false
}

// metricNamed reports a table label that names one of the catalog's
// quality metrics (metric_headers) as a word: "mAP", "COCO精度（AP）",
// "测试集精度（IoU）", "Top-1 Acc", not "mAPval" or "FP16".
func (s *state) metricNamed(text string) bool {
	lower := strings.ToLower(text)
	for _, m := range s.an.cat.MetricHeaders {
		if wordIn(lower, strings.ToLower(m)) {
			return true
		}
	}
	return false
}

// wordIn reports w in t as a word: no letter or digit right before or
// after it where w starts or ends with a Latin letter or digit (a CJK
// word is matched inside its text).
func wordIn(t, w string) bool {
	for i := 0; w != ""; {
		j := strings.Index(t[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		before := j == 0 || !isAlnum(w[0]) || !isAlnum(t[j-1])
		after := end == len(t) || !isAlnum(w[len(w)-1]) || !isAlnum(t[end])
		if before && after {
			return true
		}
		i = j + 1
	}
	return false
}

// stackedBenches returns the benchmarks a row's label stacks, nil when it
// names one.
func (tb *table) stackedBenches(row []cell) []stackedItem {
	for c := min(tb.labels, len(row)) - 1; c >= 0; c-- {
		if len(row[c].stacked) > 0 {
			return row[c].stacked
		}
	}
	return nil
}

// unpairedPipes reports a row whose label splits between " | " ("Harbor
// dev | test") but none of whose cells splits its score as many ways: the
// label names one benchmark.
func (tb *table) unpairedPipes(row []cell, n int) bool {
	piped := false
	for c := 0; c < tb.labels && c < len(row); c++ {
		piped = piped || strings.Contains(row[c].text, " | ")
	}
	if !piped {
		return false
	}
	for c := tb.labels; c < len(row); c++ {
		if len(row[c].stacked) == n {
			return false
		}
	}
	return true
}

// stackedRow reads a row whose label stacks several benchmarks and whose
// cells stack as many numbers: the i-th number is the i-th benchmark's.
func (s *state) stackedRow(tb *table, row []cell, benches []stackedItem, models []int, units []string, unit string) {
	for c := tb.labels; c < len(row) && c < len(models); c++ {
		if models[c] < 0 || len(row[c].stacked) != len(benches) {
			continue
		}
		for i, b := range benches {
			u := firstOf(units[c], unit, tb.unit)
			s.scoreClaim(models[c], b.name, b.bench, row[c].stacked[i].value, u, rowEvidence(tb.rows[0], c, row))
		}
	}
}

// nameColumn returns the label column that names the benchmarks when no
// catalogued benchmark does: the one headed as benchmarks, else the one
// with the most distinct texts (a
// column of metrics repeats "Pass@1", one of groups repeats "Math").
func (tb *table) nameColumn() int {
	if tb.benchCol >= 0 {
		return tb.benchCol // headed "Dataset"
	}
	best, bestN := 0, -1
	for c := 0; c < tb.labels; c++ {
		seen := map[string]bool{}
		for r := tb.head; r < len(tb.rows); r++ {
			if c < len(tb.rows[r]) && tb.rows[r][c].text != "" {
				seen[tb.rows[r][c].text] = true
			}
		}
		if len(seen) > bestN {
			best, bestN = c, len(seen)
		}
	}
	return best
}

// rowBench returns the benchmark a body row scores: a catalogued one in
// its label columns (the rightmost), else the label of column nameCol,
// with the unit the labels give.
func (tb *table) rowBench(row []cell, nameCol int) (string, int, string) {
	unit := ""
	for c := 0; c < tb.labels && c < len(row); c++ {
		if u := unitOf(row[c].text); u != "" {
			unit = u
		}
	}
	for c := min(tb.labels, len(row)) - 1; c >= 0; c-- {
		if row[c].bench >= 0 {
			return row[c].name, row[c].bench, unit
		}
	}
	if nameCol < len(row) && !row[nameCol].num && row[nameCol].model < 0 {
		return benchLabel(row[nameCol].text), -1, unit
	}
	return "", -1, unit
}

// benchColumns reads a table with models down the label columns: each
// column past them is a benchmark, named by its header rows.
func (s *state) benchColumns(tb *table) {
	width := 0
	for _, row := range tb.rows {
		width = max(width, len(row))
	}
	names := make([]string, width)
	benches := make([]int, width)
	units := make([]string, width)
	for c := range names {
		benches[c] = -1
		if c >= tb.labels {
			names[c], benches[c], units[c] = tb.columnBench(c)
			names[c], benches[c] = s.unitBench(names[c], benches[c])
		}
	}
	if !slices.ContainsFunc(benches, func(b int) bool { return b >= 0 }) {
		for c := range names {
			names[c], benches[c] = s.headingBench(tb, names[c], benches[c])
		}
	}
	metrics := make([]bool, width) // columns headed by a quality metric
	for c := tb.labels; c < width && tb.download; c++ {
		for r := 0; r < tb.head && !metrics[c]; r++ {
			metrics[c] = c < len(tb.rows[r]) && s.metricNamed(tb.rows[r][c].text)
		}
		metrics[c] = metrics[c] || tb.tiered && tb.fractionColumn(c)
	}
	for r := tb.head; r < len(tb.rows); r++ {
		row := tb.rows[r]
		model, ours := tb.rowModel(r)
		if model < 0 && ours {
			model = s.markedOwn()
		}
		if model < 0 {
			continue
		}
		rowNames, rowIdx := s.rowBenches(tb, row, names, benches)
		for c := tb.labels; c < len(row); c++ {
			if row[c].num && rowNames[c] != "" && (!tb.download || rowIdx[c] >= 0 || metrics[c]) {
				u := firstOf(row[c].unit, units[c], tb.unit)
				s.scoreClaim(model, rowNames[c], rowIdx[c], row[c].value, u, rowEvidence(tb.rows[tb.head-1], c, row))
			}
		}
	}
}

// fractionColumn reports a body column of scores out of a hundred: a
// fraction among its numbers and none over 100 ("98.7", "95.4"), where
// the columns of a download table that give sizes, layers or lengths
// count in whole numbers.
func (tb *table) fractionColumn(c int) bool {
	frac := false
	for r := tb.head; r < len(tb.rows); r++ {
		if c >= len(tb.rows[r]) || !tb.rows[r][c].num {
			continue
		}
		v := tb.rows[r][c].value
		if v < 0 || v > 100 {
			return false
		}
		frac = frac || v != math.Trunc(v)
	}
	return frac
}

// rowBenches names the benchmarks a row of models scores in a table with
// a label column headed as benchmarks ("Datasets", "数据集"): the row's
// label there names what its scores measure, a column's header only how
// or which split ("Performance", "test-zh" under a row of "Seed-TTS"). A
// label that lists, between " | ", as many names as the row has scores
// ("SEED test-zh | test-en") names each score's in turn. Columns whose
// header names a catalogued benchmark keep it, and so does every column
// of a row without such a label (names and benches are returned).
func (s *state) rowBenches(tb *table, row []cell, names []string, benches []int) ([]string, []int) {
	c0 := tb.benchCol
	if c0 < 0 || c0 >= len(row) || c0 == tb.modelCol || row[c0].num || row[c0].model >= 0 || row[c0].text == "" {
		return names, benches
	}
	var cols []int
	for c := tb.labels; c < len(row) && c < len(names); c++ {
		if row[c].num && benches[c] < 0 {
			cols = append(cols, c)
		}
	}
	parts := strings.Split(row[c0].text, " | ")
	if len(cols) == 0 || len(parts) > 1 && len(parts) != len(cols) || len(parts) > maxStacked {
		return names, benches
	}
	outNames, outIdx := slices.Clone(names), slices.Clone(benches)
	for i, c := range cols {
		k := row[c0]
		if len(parts) > 1 {
			k = s.readCell(strings.TrimSpace(parts[i]))
		}
		name, idx := benchLabel(k.text), -1
		if k.bench >= 0 && k.model < 0 {
			name, idx = k.name, k.bench
		}
		if name == "" {
			continue
		}
		if h := names[c]; h != "" && h != name && !overallWord(h) {
			name += " " + h // "LibriSpeech" and "WER": "LibriSpeech WER"
		}
		outNames[c], outIdx[c] = name, idx
	}
	return outNames, outIdx
}

// columnBench names the benchmark of a column from its header rows: a
// catalogued benchmark (the lowest), else its labels from top to bottom
// ("test-zh" over "CER (%) ↓": "test-zh CER"), without settings such as
// "5-shot" or "Pass@1"; and the unit they give.
func (tb *table) columnBench(c int) (string, int, string) {
	unit := ""
	for r := 0; r < tb.head; r++ {
		if c < len(tb.rows[r]) {
			if u := unitOf(tb.rows[r][c].text); u != "" {
				unit = u
			}
		}
	}
	for r := tb.head - 1; r >= 0; r-- {
		if c < len(tb.rows[r]) && tb.rows[r][c].bench >= 0 {
			return tb.rows[r][c].name, tb.rows[r][c].bench, unit
		}
	}
	named := false // the lowest label names a benchmark, not a metric
	if low := tb.head - 1; c < len(tb.rows[low]) {
		l := nameBeforeSetting(benchLabel(tb.rows[low][c].text))
		named = len(l) >= 3 && !setting(l) && !metricWord(l) && !isDigit(l[0]) && !(len(l) <= 3 && (l[0] == 'v' || l[0] == 'V'))
	}
	var parts []string
	for r := 0; r < tb.head; r++ {
		if c >= len(tb.rows[r]) {
			continue
		}
		k := tb.rows[r][tb.groupColumn(r, c)]
		l := nameBeforeSetting(benchLabel(k.text))
		if l == "" || k.num || k.model >= 0 || setting(l) || len(parts) > 0 && parts[len(parts)-1] == l {
			continue
		}
		if named && r < tb.head-1 && tb.groupOver(r, c) {
			continue // "Knowledge & reasoning" over "ARC" and "HellaSwag": a category
		}
		parts = append(parts, l)
	}
	if n := len(parts); n > 1 && overallWord(parts[n-1]) {
		// "CoVoST 2" over "Avg.", "En-Zh", "Zh-En": the summary column
		// is the score on the benchmark the merged cell names.
		parts = parts[:n-1]
	}
	return strings.Join(parts, " "), -1, unit
}

// groupColumn returns the column whose header cell in row r stands over
// column c: c itself, or, where a table that cannot merge cells (one
// written in Markdown) leaves empty the cells right of a label over
// metrics ("test-EN" and "" over "WER" and "SIM"), the column of that
// label.
func (tb *table) groupColumn(r, c int) int {
	low := tb.head - 1
	if r >= low || tb.rows[r][c].text != "" || !tb.metricAt(low, c) {
		return c
	}
	for d := c - 1; d >= tb.labels && d < len(tb.rows[r]) && tb.metricAt(low, d); d-- {
		if tb.rows[r][d].text != "" {
			return d
		}
	}
	return c
}

// metricAt reports a header cell that names a metric ("WER/%⬇", "SIM").
func (tb *table) metricAt(r, c int) bool {
	if c >= len(tb.rows[r]) {
		return false
	}
	l := benchLabel(tb.rows[r][c].text)
	return l != "" && metricWord(l)
}

// overallWords are the header labels of a table's one summary score
// ("Overall", "Headline", "Avg"), which is the score on the benchmark its
// headings name.
var overallWords = []string{"overall", "overall score", "headline", "headline score", "score", "total score", "avg", "average", "performance", "result", "results", "性能", "성능", "hiệu năng", "总分", "总体", "综合", "平均", "総合", "総合スコア", "종합", "종합 점수", "평균", "điểm tổng", "trung bình"}

// maxHeadingText is the longest text of a table's headings read for the
// benchmark they name.
const maxHeadingText = 2 * maxCellText

// maxTitleWords is the most words of a heading read as a benchmark's
// name (benchTitle).
const maxTitleWords = 4

// headingBench resolves the label of a table's summary score ("Overall",
// "Score", "Accuracy") to the one catalogued benchmark the heading over the table
// names ("OmniParseBench", "Evaluations in MTEB / Embedding Models");
// other labels, and labels under headings naming none or two, are
// returned as they are.
func (s *state) headingBench(tb *table, name string, bench int) (string, int) {
	lang := languageLabel(name)
	if bench >= 0 || tb.heading == "" || len(tb.heading) > maxHeadingText || !lang && !summaryLabel(name) {
		return name, bench
	}
	if !tb.headingRead { // once per table, not per row
		tb.headingRead, tb.headingIdx = true, -1
		sub := s.cellState(tb.heading)
		sub.scan()
		s.models = sub.models
		for _, b := range sub.benches {
			if b.idx < 0 || tb.headingIdx >= 0 && b.idx != tb.headingIdx {
				tb.headingMixed = true
				break
			}
			tb.headingName, tb.headingIdx = b.name, b.idx
		}
	}
	if tb.headingMixed {
		return name, bench
	}
	found, idx := name, tb.headingIdx
	if idx >= 0 {
		found = tb.headingName
	}
	if lang && idx >= 0 {
		found += " " + name // "CV3-Eval" over a column "zh": "CV3-Eval zh"
	}
	if idx < 0 && !lang {
		if t := s.benchTitle(tb.heading); t != "" {
			return t, -1 // "Grand Bench Audio" over "Model | Accuracy"
		}
	}
	return found, idx
}

// benchTitle returns the innermost of a table's headings when it is the
// name of a benchmark no catalog knows: a title of at most maxTitleWords
// words, each capitalised, one ending with a part of a benchmark's name
// of the lexicon ("Bench", "Eval", "QA"), shaped like a name when it is
// one word ("ZQBench", not "Benchmark"), naming no model; "" otherwise.
func (s *state) benchTitle(heading string) string {
	last := heading
	if i := strings.LastIndex(heading, " / "); i >= 0 {
		last = heading[i+len(" / "):]
	}
	words := strings.Fields(last)
	if len(words) == 0 || len(words) > maxTitleWords {
		return ""
	}
	part := false
	for _, w := range words {
		if !isUpper(w[0]) && !isDigit(w[0]) {
			return ""
		}
		for _, p := range s.an.cat.BenchmarkParts {
			part = part || strings.HasSuffix(w, p) // not "Benchmarks", "Evaluation"
		}
	}
	if !part || len(words) == 1 && !nameShaped(last) {
		return ""
	}
	sub := s.cellState(last)
	sub.scan()
	s.models = sub.models
	if len(sub.mentions) > 0 {
		return ""
	}
	return last
}

// summaryLabel reports a header label that names no benchmark but the
// score on the one the table's heading names: a summary ("Overall") or a
// bare score metric ("Accuracy", "F1", "정확도").
func summaryLabel(name string) bool {
	return overallWord(name) || scoreWord(name)
}

// overallWord reports a label of overallWords, abbreviated with a point
// or not ("Avg.", "Avg").
func overallWord(l string) bool {
	return slices.Contains(overallWords, plainLabel(l))
}

// plainLabel is a header label lower-cased, without the spaces around it
// and the point that abbreviates its last word ("Avg." → "avg").
func plainLabel(l string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(l)), "."))
}

// languageLabel reports a header label that names a language, a split
// of one or both ("zh", "ja", "hard-zh", "zh-en"): lowercase letters and
// hyphens, the last word two letters.
func languageLabel(l string) bool {
	if len(l) < 2 || len(l) > 8 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isLower(l[i]) && !(l[i] == '-' && i > 0 && i+1 < len(l)) {
			return false
		}
	}
	last := l[strings.LastIndexByte(l, '-')+1:]
	return len(last) == 2
}

// unitBench resolves a table label that only names a unit ("Elo",
// "Elo得分", "Elo rating") to the one benchmark the article's text names
// whose scores come in that unit ("LMSYS Chatbot Arena"); other labels
// and benchmarks are returned as they are.
func (s *state) unitBench(name string, bench int) (string, int) {
	if bench >= 0 || name == "" {
		return name, bench
	}
	u := unitOf(name)
	if u == "" || u == "%" || !unitOnly(name, u) {
		return name, bench
	}
	found, idx := "", -1
	for _, b := range s.benches {
		if b.idx < 0 || !strings.EqualFold(s.an.cat.Benchmarks[b.idx].Unit, u) {
			continue
		}
		if idx >= 0 && b.idx != idx {
			return name, bench // two benchmarks in that unit: which is unsaid
		}
		found, idx = b.name, b.idx
	}
	if idx < 0 {
		return name, bench
	}
	return found, idx
}

// unitOnly reports a label that is its unit and at most a score word
// ("Elo", "Elo得分", "Elo rating"), no benchmark's name with a unit
// ("Codeforces Elo").
func unitOnly(label, unit string) bool {
	rest := strings.TrimSpace(strings.Replace(strings.ToLower(label), strings.ToLower(unit), "", 1))
	rest = strings.Trim(rest, "()（） ")
	return rest == "" || scoreWord(rest)
}

// groupOver reports a header cell merged over its neighbour's column in
// row r: the same text beside it.
func (tb *table) groupOver(r, c int) bool {
	row := tb.rows[r]
	t := row[c].text
	return t != "" && (c > 0 && row[c-1].text == t || c+1 < len(row) && row[c+1].text == t)
}

// metricWords are header labels that name a metric, under the benchmark
// a merged cell above names ("Seed-TTS test-zh" over "CER" and "SIM").
var metricWords = []string{"sim", "mos", "utmos", "ssim", "psnr", "fid", "rouge", "rouge-l", "meteor", "avg", "average", "mean", "平均", "평균", "trung bình"}

// metricWord reports a label that names a metric, not a benchmark.
func metricWord(l string) bool {
	if scoreWord(l) {
		return true
	}
	if u := unitOf(l); u != "" {
		return true
	}
	return slices.Contains(metricWords, plainLabel(l))
}

// setting reports a header label that says how a benchmark was run, not
// which: "5-shot", "0-shot, CoT", "Pass@1", "Avg@64".
func setting(l string) bool {
	lower := strings.ToLower(l)
	return strings.Contains(lower, "shot") || strings.Contains(lower, "@")
}

// nameBeforeSetting returns a header label that names a benchmark
// before the setting it was run in, without the setting ("STAIR R@1":
// "STAIR", "Flickr 5-shot": "Flickr"); a label that opens with a setting
// ("0-shot, CoT", "R@1") and one with none are returned as they are.
func nameBeforeSetting(l string) string {
	words := strings.Fields(l)
	if len(words) < 2 || !setting(l) || setting(words[0]) {
		return l
	}
	n := len(words)
	for n > 1 && setting(words[n-1]) {
		n--
	}
	if setting(strings.Join(words[:n], " ")) {
		return l
	}
	return strings.Join(words[:n], " ")
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// benchLabel cleans a table label for use as a benchmark name: the text
// before any parenthesis (the acronym in it after a description of the
// measure, "Naturalness (UTMOS)"), without trailing marks and arrows.
func benchLabel(t string) string {
	if i := strings.IndexAny(t, "(（"); i > 0 {
		if inner := bracketed(t[i:]); inner != "" && splitScoreWord(t[:i]) {
			t = inner // "Điểm (Image Edit Arena)": the score of what is in brackets
			if sp := strings.LastIndexByte(t, ' '); sp > 0 && slices.Contains(splitWords, strings.ToLower(t[sp+1:])) {
				t = t[:sp]
			}
		} else if inner != "" && metricAcronym(inner) && description(t[:i]) {
			t = inner // "Naturalness (UTMOS)": the metric's own name
		} else {
			t = t[:i]
		}
	}
	t = strings.TrimSpace(strings.Trim(t, "*†‡↑↓⬆⬇ "))
	t = strings.TrimSpace(strings.TrimSuffix(t, "/%")) // "WER/%⬇": the unit is read apart
	if len(t) < 2 || len(t) > 40 || strings.ContainsAny(t, "。，") {
		return ""
	}
	return t
}

// metricAcronym reports a metric's or benchmark's short name: capitals,
// and digits or hyphens among them, three letters or more ("UTMOS",
// "SSIM", "WER").
func metricAcronym(t string) bool {
	letters := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case isUpper(c):
			letters++
		case isDigit(c) || c == '-' && i > 0:
		default:
			return false
		}
	}
	return letters >= 3
}

// description reports a label of plain words that describes a measure
// rather than naming it: a capital at most on its first letter, no digit,
// at most three words ("Naturalness", "Voice similarity", "Word error
// rate").
func description(t string) bool {
	t = strings.TrimSpace(t)
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 0x80 || isDigit(c) || i > 0 && isUpper(c) {
			return false
		}
	}
	return isLetterASCII(t[0])
}

// scoreWords are header words that name a score, not what it measures.
// Error rates and overlap metrics ("CER (JSUT)", "BLEU (WMT23)") say the same
// of the set in brackets.
var scoreWords = []string{"score", "scores", "điểm", "điểm số", "得分", "分数", "分數", "评分", "점수", "スコア", "accuracy", "acc", "rating", "result", "results", "正答率", "准确率", "정확도",
	"cer", "wer", "bleu", "f1", "em", "精度", "文字誤り率", "単語誤り率", "字错率", "词错率"}

// splitWords name a benchmark's split after its name in brackets
// ("ReazonSpeech テスト"): the benchmark is the name before them.
var splitWords = []string{"test", "テスト", "테스트", "测试", "测试集", "測試", "dev", "val", "validation"}

// splitScoreWord reports a label that only says "score", after a split
// of a set if any ("Accuracy", "测试集精度", "Test accuracy"): the
// brackets after it name what it measures ("测试集精度（IoU）").
func splitScoreWord(t string) bool {
	if scoreWord(t) {
		return true
	}
	lower := strings.ToLower(strings.TrimSpace(t))
	for _, w := range splitWords {
		if rest, ok := strings.CutPrefix(lower, w); ok && rest != "" && scoreWord(rest) {
			return true
		}
	}
	return false
}

// scoreWord reports a label that only says "score" ("Score", "Điểm").
func scoreWord(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	for _, w := range scoreWords {
		if t == w {
			return true
		}
	}
	return false
}

// bracketed returns the text in the brackets that open t ("(Image Edit
// Arena)"), or "" when they hold a number or a unit.
func bracketed(t string) string {
	open, close := "(", ")"
	if strings.HasPrefix(t, "（") {
		open, close = "（", "）"
	}
	j := strings.Index(t, close)
	if !strings.HasPrefix(t, open) || j < 0 {
		return ""
	}
	in := strings.TrimSpace(t[len(open):j])
	if len(in) < 2 || unitOf(in) != "" || isDigit(in[0]) {
		return ""
	}
	return in
}

// rowEvidence describes a table score: the column's header and the row.
func rowEvidence(header []cell, c int, row []cell) string {
	var b strings.Builder
	b.WriteString("table: ")
	if c < len(header) {
		b.WriteString(header[c].text)
	}
	for _, x := range row {
		b.WriteString(" | ")
		b.WriteString(x.text)
		if b.Len() > 200 {
			break
		}
	}
	return b.String()
}
