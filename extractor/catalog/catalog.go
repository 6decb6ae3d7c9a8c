// Package catalog is modelwire's knowledge of the AI model world as data:
// vendors with their names in the languages the news uses, model families
// with their stems and variants, benchmarks, licences, and the words that
// mark releases and comparisons in each language.
//
// A catalog is read from YAML files (configs/catalog/*.yaml, embedded in the
// binary by package configs) with strict decoding: an unknown key, a dangling
// vendor reference or a duplicate id is an error that names the file and the
// entry. A loaded Catalog is read-only and safe for concurrent use.
package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ErrInvalid reports a catalog that cannot be used: malformed YAML, an
// unknown key, or an entry that fails validation.
var ErrInvalid = errors.New("invalid catalog")

// Catalog is the union of every catalog file.
type Catalog struct {
	Vendors    []Vendor    `yaml:"vendors"`
	Families   []Family    `yaml:"families"`
	Benchmarks []Benchmark `yaml:"benchmarks"`
	// Models are canonical names of models written as their makers write
	// them where the family's style would write them otherwise ("Kimi K2",
	// "GPT-4o mini"), with spellings that fold differently ("Claude 4
	// Opus" for "Claude Opus 4").
	Models []Model `yaml:"models"`
	// Variants are words that continue a model name ("Instruct", "VL").
	Variants []Variant `yaml:"variants"`
	// VariantSpellings are variant words as Korean and Japanese news
	// spell them ("딥" → "Deep", "プロ" → "Pro"), by native spelling.
	VariantSpellings map[string]string `yaml:"variant_spellings"`
	// Formats are trailing name parts that name a packaging of a model
	// ("GGUF", "AWQ"), dropped from names.
	Formats []string `yaml:"formats"`
	// NotModelParts make a name a document or page, not a model
	// ("Step-Audio-Report").
	NotModelParts []string `yaml:"not_model_parts"`
	// NotVendorContext are words right after a vendor name that make it a
	// product the vendor sells ("NVIDIA A800", "Apple Silicon").
	NotVendorContext []string `yaml:"not_vendor_context"`
	// NotModels are names that start like a model but are software or
	// services ("llama.cpp", "Qwen-Agent").
	NotModels []string `yaml:"not_models"`
	// NotGarbles are words a letter or a sound away from a catalogued name
	// that are names or words of their own ("Mamba", "Gamma"): they are
	// never read as a misspelt model or vendor.
	NotGarbles []string `yaml:"not_garbles"`
	// Stopwords are capitalised words that never name a new model or vendor.
	Stopwords []string `yaml:"stopwords"`
	// Pronouns open a sentence about the model named before ("It", "该模型").
	Pronouns []string `yaml:"pronouns"`
	// Subjects between a model and a release verb after it mean the model
	// is not what is released ("… X. We release Y").
	Subjects []string `yaml:"subjects"`
	// ComparisonNouns make a phrase an unnamed comparison target
	// ("open-source models").
	ComparisonNouns []string `yaml:"comparison_nouns"`
	// ModelNouns follow a size or variant word that names one of the
	// article's own models ("the 4B model", "122B版本", "9.8B 모델"); a
	// leading space is part of the noun.
	ModelNouns []string `yaml:"model_nouns"`
	// BenchmarkParts make a word that holds one after letters of its own
	// a benchmark's name when no catalog knows it ("OmniDocBench",
	// "ViLawQA").
	BenchmarkParts []string `yaml:"benchmark_parts"`
	// BenchmarkNouns introduce the name of a benchmark right after them
	// ("bộ đánh giá VLSP 2023", "评测 X", "benchmark X") or, written with
	// spaces, right before them ("the SeaExam benchmark").
	BenchmarkNouns []string `yaml:"benchmark_nouns"`
	// SizeDeterminers stand before a bare size or a size word that names
	// one of the article's own models ("the 32B outperforms …", "The
	// larger one scores …"); a trailing space is part of the word.
	SizeDeterminers []string `yaml:"size_determiners"`
	// LargerWords and SmallerWords name the largest or the smallest of the
	// article's own models after a size determiner ("the larger one").
	LargerWords  []string `yaml:"larger_words"`
	SmallerWords []string `yaml:"smaller_words"`
	// LatterWords and FormerWords stand for the last or the first model
	// named before them ("优于后者", "outperforms the latter").
	LatterWords []string `yaml:"latter_words"`
	FormerWords []string `yaml:"former_words"`
	// PreviewWords mark a plan that keeps a model to a preview ("only
	// available as a preview", "仅提供预览"): a clause of one right after a
	// release holds what that release names.
	PreviewWords []string `yaml:"preview_words"`
	// ReaderConditions open a condition put to the reader ("if you need
	// a specific CUDA version, … before installing X", "如果您需要"): an
	// instruction, not a plan for the model the sentence names.
	ReaderConditions []string `yaml:"reader_conditions"`
	// ReaderRequests ask the reader to do something ("please", "请"): a
	// release verb right after one ("Please first launch a local API
	// server") is an instruction, not an announcement.
	ReaderRequests []string `yaml:"reader_requests"`
	// SelfOffers open a sentence in which a page offers what it names
	// ("This package provides", "本仓库提供"): the models named after one,
	// beside the page's own release, are the page's too.
	SelfOffers []string `yaml:"self_offers"`
	// ModelTasks name what a model of a machine-learning task does
	// ("detection", "keypoints", "识别"): a page offering models that
	// names none offers some other kind of model (a framework's data
	// models, 3D models).
	ModelTasks []string `yaml:"model_tasks"`
	// DefinitionBreaks between a name and a model noun make the noun no
	// head of what the sentence calls the name ("Harbor is a tool for
	// serving language models").
	DefinitionBreaks []string `yaml:"definition_breaks"`
	// DefinitionCopulas after a name that opens a line make what follows
	// the name's definition ("FlitNet is a …", "Kestrel 是一个…").
	DefinitionCopulas []string `yaml:"definition_copulas"`
	// ArchitectureNouns are what a README's opening sentence may call the
	// model its title names ("… is a real-time transformer
	// architecture").
	ArchitectureNouns []string `yaml:"architecture_nouns"`
	// HandleSuffixes end a repository owner's handle without being part
	// of the organisation's name ("-ai" of "suno-ai", "-to" of
	// "datalab-to").
	HandleSuffixes []string `yaml:"handle_suffixes"`
	// RebrandWords, right before a name, give an organisation's new name
	// ("rebranded to OpenAudio"): a maker, not a model.
	RebrandWords []string `yaml:"rebrand_words"`
	// FollowingWords announce a list on the lines after a sentence that
	// ends without a colon ("以下の2つのモデルを公開します。").
	FollowingWords []string `yaml:"following_words"`
	// PageParts are words for a part of the page and participles that
	// show one ("tables", "shown"): a comparison cue right after one
	// points further down the page ("the tables below compare X"), at no
	// rival. Lowercase, matched as words.
	PageParts []string `yaml:"page_parts"`
	// LatestWords, right before a name, call it the newest of its line
	// ("the latest YOLO26", "our new X", "最新的 X"): on a page about the
	// page's own models they announce it.
	LatestWords []string `yaml:"latest_words"`
	// MethodNouns, right after a name (past a space, or written onto it
	// in Chinese and Japanese), make it a method's or an algorithm's
	// ("用CoSENT方法监督训练", "the CoSENT method"): no model a release
	// sentence releases there.
	MethodNouns []string `yaml:"method_nouns"`
	// SameDay are words that date a sentence to the day of the one before
	// it, the page's own day in news ("the same day", "同日", "같은 날",
	// "cùng ngày"): another maker's release so dated is news beside the
	// page's own.
	SameDay []string `yaml:"same_day"`
	// Weekdays are the names of the days of the week in every catalog
	// language, Sunday first as time.Weekday counts them ("Thursday",
	// "周四", "木曜日", "목요일", "thứ Năm"): a news sentence naming the
	// page's own weekday dates its release to the page's day.
	Weekdays [][]string `yaml:"weekdays"`
	// RoundupWords in a title make the page a round-up of several labs'
	// news ("This week in AI", "AI周报", "今週のAI", "주간 AI", "AI tuần
	// này"): each lab's own release it states, dated no earlier, is news,
	// whichever model the title leads with.
	RoundupWords []string `yaml:"roundup_words"`
	// LowerBetter are phrases and metric names that make a lower value the
	// better one ("lower is better", "低いほど良い", "WER").
	LowerBetter []string `yaml:"lower_better"`
	// ListJoiners join the names of a list ("and", "和", "및").
	ListJoiners []string `yaml:"list_joiners"`
	// OrgSuffixes end organisation names no catalog knows ("Labs", "科技").
	OrgSuffixes []string `yaml:"org_suffixes"`
	// OrgNouns name a kind of organisation that news writes before a
	// name no catalog knows in Hangul, Katakana or Han ("스타트업 누리봄",
	// "スタートアップ・ツグミ").
	OrgNouns []string `yaml:"org_nouns"`
	// OrgAppositions are the nouns of an apposition that calls the
	// capitalised words before it an organisation ("Halcyon Forge, a
	// 40-person startup, …"), lowercase.
	OrgAppositions []string `yaml:"org_appositions"`
	// NameMorphemes are pieces that mark an unknown word as a model name
	// ("GPT" in "PhoGPT", "LM" in "OpenELM").
	NameMorphemes []string `yaml:"name_morphemes"`
	// DownloadMarkers in a table's first rows make it a list of the
	// models a page offers.
	DownloadMarkers []string `yaml:"download_markers"`
	// HubMarks are the marks of a link to a model hub ("🤗",
	// "ModelScope"): written in the cell of a model a download table
	// names, they offer that model for download.
	HubMarks []string `yaml:"hub_marks"`
	// ModelHeaders are the header labels of a table's column of models
	// ("Model", "模型"), matched whole and case-insensitively: the column's
	// rows name models no text needs to introduce.
	ModelHeaders []string `yaml:"model_headers"`
	// NameHeaders label a download table's column of names ("Name",
	// "名称"), matched whole and case-insensitively: in a table that
	// offers models for download, that column names them, as a header
	// of ModelHeaders does.
	NameHeaders []string `yaml:"name_headers"`
	// BenchHeaders are the header labels of a table's column of
	// benchmarks ("Benchmark", "数据集"), matched whole (before any
	// bracket) and case-insensitively: the columns across are models.
	BenchHeaders []string `yaml:"bench_headers"`
	// MetricHeaders name a quality metric in a table's header ("mAP",
	// "Top-1 Acc", "IoU", "精度"), matched as words (any case, inside
	// CJK text): even a table that offers downloads scores its column.
	MetricHeaders []string `yaml:"metric_headers"`
	// RespectiveWords say a sentence's numbers go with the names it
	// lists before them in order ("respectively", "分别", "それぞれ").
	RespectiveWords []string `yaml:"respective_words"`
	// OwnMarkers in a benchmark table's header or row label mark the
	// article's own model ("Kimi K2 (ours)", "Ours", "本文方法").
	OwnMarkers []string `yaml:"own_markers"`
	// CountWords turn numbers into billions of parameters ("亿" is 0.1).
	CountWords []CountWord `yaml:"count_words"`
	Licenses   []License   `yaml:"licenses"`
	// OtherHeads are head nouns in the words after a bare family name
	// that make the phrase something other than a model ("Kimi app",
	// "Sarashina Model NonCommercial License"), matched in any case;
	// OtherHeadsLater count only after the first word ("Kanana LLM
	// Team"). OtherHeadsJoined are heads written right onto the name
	// ("文心一言App", "Kimi开放平台"), matched as written.
	OtherHeads       []string `yaml:"other_heads"`
	OtherHeadsLater  []string `yaml:"other_heads_later"`
	OtherHeadsJoined []string `yaml:"other_heads_joined"`
	// CodeHeads are the words after a name written in lowercase that make
	// it software ("the `qwen-tts` package", "the mistral-chat command"),
	// matched in any case.
	CodeHeads []string `yaml:"code_heads"`
	// CodeBefore are the commands that install the software named after
	// them ("pip install -U qwen-tts"), matched as written.
	CodeBefore []string `yaml:"code_before"`
	// WebDomains are the top-level domains that make a bare family name
	// a web site ("Llama.com").
	WebDomains []string `yaml:"web_domains"`
	// ServiceWords after a bare family name make it the maker's service
	// ("Claude API", "Kimi app"), matched as written; ServiceWordsJoined
	// are app words that may also go right onto the name ("应用",
	// "アプリ", "앱").
	ServiceWords       []string `yaml:"service_words"`
	ServiceWordsJoined []string `yaml:"service_words_joined"`
	// TeamBefore and TeamAfter make a bare family name the team that
	// makes it ("nhóm Qwen", "Qwen team", "通义千问团队"); their spaces
	// are part of the word.
	TeamBefore []string `yaml:"team_before"`
	TeamAfter  []string `yaml:"team_after"`
	// TeamsAfter end a list of bare family names that are teams ("the
	// Qwen and InternVL teams").
	TeamsAfter []string `yaml:"teams_after"`
	// SeriesBefore make a bare family name after them its series, no
	// model ("dòng mô hình Saola", "dòng PhoGPT").
	SeriesBefore []string `yaml:"series_before"`
	// ModelNounsBefore are the model nouns a language writes before a
	// model's name ("mô hình VietOCR"): a name after one is called a
	// model, as a name before a model noun is ("the ColPali model").
	ModelNounsBefore []string `yaml:"model_nouns_before"`
	// UsageAfter make a bare family name before them its maker's
	// service, whose usage they count ("豆包月活", "文心大模型日均调用量").
	UsageAfter []string `yaml:"usage_after"`
	// APIAfter, right after a model's name, and APIBefore, right before
	// it, name the API that serves the model ("X API", "X的API", "the API
	// of X", "API của X"): a launch of it makes an older model available.
	APIAfter  []string `yaml:"api_after"`
	APIBefore []string `yaml:"api_before"`
	// ListLinks go between the sizes of a list ("7B, 14B and 32B",
	// "7B/14B", "7B 및 14B"); their spaces are part of the link.
	ListLinks []string `yaml:"list_links"`
	// SeriesGoalAfter, right after a series noun, make the series the
	// goal a release adds a model to ("ファミリーに", "제품군에 ", "系列新增"),
	// unless SeriesGoalNot is there ("には"); SeriesGoalBefore do it from
	// before the series' name ("joins the Gemma 3 family"), lowercase.
	SeriesGoalAfter  []string `yaml:"series_goal_after"`
	SeriesGoalNot    []string `yaml:"series_goal_not"`
	SeriesGoalBefore []string `yaml:"series_goal_before"`
	// LicenseQualifiers and LicenseWords make a name right before them a
	// licence's ("Grok 2 Community License", "Qwen 许可协议"); a
	// qualifier's trailing space is part of it.
	LicenseQualifiers []string `yaml:"license_qualifiers"`
	LicenseWords      []string `yaml:"license_words"`
	// Determiners may stand between a release verb and the name it
	// introduces ("releases the …"); their trailing space is part of them.
	Determiners []string `yaml:"determiners"`
	// MakerPrepositions introduce the maker of a model named before them
	// ("… from Brackenfield Labs"), with their spaces.
	MakerPrepositions []string `yaml:"maker_prepositions"`
	// MakerPhrases introduce the maker of the project a page is, named
	// after them ("… developed by NetEase Youdao"), with their spaces.
	MakerPhrases []string `yaml:"maker_phrases"`
	// ReleaseNouns are the nouns of a release that a month can date ("its
	// July launch").
	ReleaseNouns []string `yaml:"release_nouns"`
	// ReleaseDocumentHeads are the nouns right after a release noun that
	// make it a document or an event about a launch ("launch post",
	// "release notes", "发布会").
	ReleaseDocumentHeads []string `yaml:"release_document_heads"`
	// KoreanParticles are the Korean endings that may follow a name ("딥을",
	// "누리봄이"), no part of it.
	KoreanParticles []string `yaml:"korean_particles"`
	// TypeWordsLatin and TypeWordsCJK are words for "language model" a
	// maker writes between a family's stem and its version: the Latin
	// ones belong to the name ("LLM 2.0"), the CJK ones describe it
	// ("大模型1.6").
	TypeWordsLatin []string `yaml:"type_words_latin"`
	TypeWordsCJK   []string `yaml:"type_words_cjk"`
	// OwnerBefore and OwnerAfter make a vendor named right before or
	// after them, past one of CompanyForms, the owner of another
	// organisation ("ソフトバンク株式会社の子会社", "thuộc Công ty Cổ
	// phần VNG"); TrademarkWords make a sentence a trademark notice.
	// A vendor named only so is no maker of the page's models.
	OwnerBefore    []string `yaml:"owner_before"`
	OwnerAfter     []string `yaml:"owner_after"`
	CompanyForms   []string `yaml:"company_forms"`
	TrademarkWords []string `yaml:"trademark_words"`
	// SampleMarkers open sample data on their line ("数据示例：", "Data
	// example:"): a name after one is an input, not a maker named.
	SampleMarkers []string `yaml:"sample_markers"`
	// FormerBefore make a vendor named right after them someone's former
	// employer ("元グーグルの研究者", "ex-OpenAI researchers"): named
	// only so, it is no maker of the page's models either.
	FormerBefore []string `yaml:"former_before"`
	// FormerRoleBefore make a vendor named right after them a former
	// employer only when one of FormerRoles follows its name ("전 구글
	// 연구원"): Korean 전 is also "before". FormerAfter, right after the
	// name, make it one alone ("네이버 출신").
	FormerRoleBefore []string `yaml:"former_role_before"`
	FormerRoles      []string `yaml:"former_roles"`
	FormerAfter      []string `yaml:"former_after"`
	// PartnerWords open a list of the companies that sell or host a
	// model ("our partners AWS, Databricks and Groq", "các đối tác như
	// Databricks"): a vendor named only in such a list is no maker of
	// the page's models.
	PartnerWords []string `yaml:"partner_words"`
	// ToolNouns name software, no model ("toolkit", "library", "套件"):
	// a project its page calls one, right before or after its name or
	// as the head of its summary, is a tool whose name and versions are
	// no models.
	ToolNouns []string `yaml:"tool_nouns"`
	// ToolCopulas, right after a name that opens a line, open its
	// definition as a tool ("Acme is a PyTorch based library", "Acme
	// 是……库"); spaces are part of them.
	ToolCopulas []string `yaml:"tool_copulas"`
	// NotToolWords end in a tool noun but name no software ("仓库"
	// repository, "模型库" model zoo, "数据库" database): a tool noun
	// that ends one of them names no tool.
	NotToolWords []string `yaml:"not_tool_words"`
	// PlaceholderWords, with ComparisonNouns, make up the names of the
	// anonymised rows of a comparison ("Top Open-source Model1",
	// "Open-source SOTA"): a name of such words only names no model.
	// Lowercase.
	PlaceholderWords []string `yaml:"placeholder_words"`
	// SocialPlatforms are the social networks and chat services a page
	// links its community to ("Discord", "微信"): a vendor named only as
	// an item of a row of such links is no model maker there.
	SocialPlatforms []string `yaml:"social_platforms"`
	// NameTails are words that may follow a model's name after a hyphen
	// and leave it that model ("Llama-3-based", "qwen-max-latest",
	// "gemma-2-2b-jpn-it"): adjectives, alias tags, language tags and
	// short forms of variants. Any other word the name grammar stops at
	// makes the hyphenated whole another model's name. Lowercase.
	NameTails []string `yaml:"name_tails"`
	// DataNouns name data sets ("corpus", "treebank", "数据集"), and
	// DataCopulas open a definition after a name that opens a line
	// ("：", " is a "): a name the page so defines as a data set is no
	// model.
	DataNouns   []string `yaml:"data_nouns"`
	DataCopulas []string `yaml:"data_copulas"`
	// DatasetParts make a word that holds one the name of a benchmark or
	// data set, no model ("OmniDocBench", "MedEval"), matched as written.
	DatasetParts []string `yaml:"dataset_parts"`
	// ScoreOpeners and ScoreClosers stand before and after a score in a
	// list of models with their scores ("GPT-5 at 72.8% and …", "(86.5%)");
	// spaces are part of them.
	ScoreOpeners []string `yaml:"score_openers"`
	ScoreClosers []string `yaml:"score_closers"`
	// ScoreUnits after a number written apart from a name make it a
	// score, no version of the name ("领先 Gemini 3 Pro 4.1 分").
	ScoreUnits []string `yaml:"score_units"`
	// TopicParticles open a gap after a name that makes it the subject of
	// the comparison after it ("X는 소폭 못 미쳤다", "Xは…及ばなかった").
	TopicParticles []string `yaml:"topic_particles"`
	// WithWords are Chinese "with" ("与", "同"): alone between two names
	// ("X与Y比肩") they make the first the subject of the comparison.
	WithWords []string `yaml:"with_words"`
	// FramedPostCues are comparison cues that follow their target only
	// inside a "with" frame ("与 X 相比"): with none before them in the
	// clause, the name right before is the comparison's subject
	// ("PP-ShiTuV2相比V1，…").
	FramedPostCues []string `yaml:"framed_post_cues"`
	// TimesWords, right after a number, make it a multiplier, no score
	// ("2.5x", "3 times", "2.5倍", "2,5 lần").
	TimesWords []string `yaml:"times_words"`
	// TimesNotAfter are the words that, next after a times word, make it
	// no multiplier ("lần lượt", respectively; "lần đầu", the first
	// time): the number before it stays a score.
	TimesNotAfter []string `yaml:"times_not_after"`
	// RivalWords stand right before the model a phrase measures against
	// ("faster than X", "相比X"): never a later comparison's subject.
	RivalWords []string `yaml:"rival_words"`
	// StyleWords, right after a benchmark's name, make it the kind of
	// another test ("AIME-style", "AIME形式"): no score there is its.
	StyleWords []string `yaml:"style_words"`
	// RankWords place a score against a rival's named right after them
	// ("above X's 89.3"): the number is the rival's. Lowercase.
	RankWords []string `yaml:"rank_words"`
	// BaselineWords name a comparison's rivals as a group ("the baseline
	// models"), and IntroWords, right after one in the sentence before,
	// open the list of names it stands for ("baselines, namely A and B").
	// Lowercase.
	BaselineWords []string `yaml:"baseline_words"`
	IntroWords    []string `yaml:"intro_words"`
	// Months are the English month names, January first.
	Months []string `yaml:"months"`
	// MonthPrepositions before a month name date a release ("in March");
	// MonthPossessives date the release noun after it ("its July
	// launch"); lowercase.
	MonthPrepositions []string `yaml:"month_prepositions"`
	MonthPossessives  []string `yaml:"month_possessives"`
	// YearParts name a part of a year between "in" and the year ("in
	// early 2025", "in mid-2024", "in the second half of 2024"): such a
	// year dates a release as the year alone does; lowercase.
	YearParts []string `yaml:"year_parts"`
	// TimeParticles end a Japanese or Korean time adverbial ("2024年5月に、",
	// "2024년 5월에,").
	TimeParticles []string `yaml:"time_particles"`
	// FutureTimes name a time to come in Korean, Japanese and Chinese
	// ("내년", "来年", "明年"): one that opens the clause of a verb-final
	// release verb dates a plan.
	FutureTimes []string `yaml:"future_times"`
	// ProspectiveNouns follow a Korean verb in its prospective form
	// ("선보일 것", "공개할 방침"): the release is to come.
	ProspectiveNouns []string `yaml:"prospective_nouns"`
	// MonthParts name a part of a month written with its number, with the
	// day it stands for: after the month in Chinese, Japanese and Korean
	// ("11月上旬", "11월 초"), before "tháng" in Vietnamese ("giữa tháng
	// 11").
	MonthParts map[string]int `yaml:"month_parts"`
	// ElapsedUnits are the month units of a span of time counted back
	// from the page ("两个多月", "2カ月", "두 달", "2 tháng", "two months");
	// ElapsedCounts are the counts written as words before them ("两",
	// "두", "hai", "two"), with their number; ElapsedAfter mark such a
	// span after it as time since ("前", "전", "trước", "ago"),
	// ElapsedBefore before it ("过去" of "仅过去两个多月").
	ElapsedUnits  []string       `yaml:"elapsed_units"`
	ElapsedCounts map[string]int `yaml:"elapsed_counts"`
	ElapsedAfter  []string       `yaml:"elapsed_after"`
	ElapsedBefore []string       `yaml:"elapsed_before"`
	// ElapsedWeekUnits are the week units of such a span ("两周", "2週間",
	// "2주", "6 weeks"). ElapsedLinks may stand between a release verb and
	// a span right after it that counts the time since the release
	// ("上线一个月后", "発表してから1カ月", "출시한 지 한 달", "ra mắt được
	// một tháng"): "了", "してから", "한 지", "được".
	ElapsedWeekUnits []string `yaml:"elapsed_week_units"`
	ElapsedLinks     []string `yaml:"elapsed_links"`
	// ElapsedYearUnits are the year units of such a span ("开源一年来",
	// "1年前", "1년 전", "hai năm trước", "a year ago"); a count of 100 or
	// more before them is a calendar year ("2025年"), no span.
	ElapsedYearUnits []string `yaml:"elapsed_year_units"`
	// ElapsedHalves are spans of time written with a half and no count
	// ("半年", "半个月", "반년", "nửa năm", "half a year"), with the days
	// they stand for: read as a counted span is. ElapsedClosers end a
	// span that follows a release verb's object ("发布Kimi K3六周后",
	// "上线Qwen3.5-Max近七周以来"): the span still counts the time since
	// the release.
	ElapsedHalves  map[string]int `yaml:"elapsed_halves"`
	ElapsedClosers []string       `yaml:"elapsed_closers"`
	// ElapsedAhead follow a span that comes before the release word of
	// its clause ("two months on from its launch", "six weeks after Meta
	// launched"): the span counts the time since the release.
	ElapsedAhead []string `yaml:"elapsed_ahead"`
	// ElapsedTitle follow a span of time in a title that counts it since
	// a launch the title does not name ("Three weeks in, X is
	// everywhere", "X, a month on", "X三周后", "X 3주 만에"): the page
	// follows up on an older release.
	ElapsedTitle []string `yaml:"elapsed_title"`
	// TaskOpeners are particles and pronouns that open the words before
	// a task a Chinese or Japanese sentence scores ("在词性标注F1",
	// "我们的命名识别F1"): the task starts after the last of them.
	TaskOpeners []string `yaml:"task_openers"`
	// VerbVariants are spaced variant words that are verbs too
	// ("Translate"): after a name with a space they continue it only
	// where the name is quoted or written twice ("Can X Translate…?").
	VerbVariants []string `yaml:"verb_variants"`
	// TierRuns are runs of tier words a table's columns or rows may give
	// a model in ("Tiny, Base, Small, Medium, Large", "Mini, Pro, Max"):
	// columns headed by words of no one run ("Fast | Deep") are modes.
	TierRuns [][]string `yaml:"tier_runs"`
	// TierHeads head a table's label column whose rows may write a tier
	// in lowercase ("Size": "small", "large").
	TierHeads []string `yaml:"tier_heads"`
	// AttributiveEnds follow a Chinese, Japanese or Korean release verb
	// that modifies the name after it ("发布的X", "公開された「X」",
	// "공개된 X"): the verb describes the name, it does not release it.
	AttributiveEnds []string `yaml:"attributive_ends"`
	// RelativeOpeners open a clause set off by a comma or a parenthesis
	// after a name that describes it ("X, which …", "X, được …"); a
	// participle right after the comma opens one too ("X, released …").
	RelativeOpeners []string `yaml:"relative_openers"`
	// RelativePronouns open a clause that describes the name right
	// after it, with no comma ("Y mà X đã phát hành", "the Y which X
	// released").
	RelativePronouns []string `yaml:"relative_pronouns"`
	// ContactSubjects stand between a noun and the release verb of a
	// relative clause with no opener that describes the noun: "the
	// results it published for X" publishes the results, not X.
	ContactSubjects []string `yaml:"contact_subjects"`
	// GerundAuxiliaries before a release verb in -ing make it a
	// predicate ("are introducing"), not a gerund; spaces are part of them.
	GerundAuxiliaries []string `yaml:"gerund_auxiliaries"`
	// ParticipleAuxiliaries before an English release participle make it
	// a predicate ("was introduced with X"), not a participle that
	// describes the noun before it ("the toggle introduced with X").
	ParticipleAuxiliaries []string `yaml:"participle_auxiliaries"`
	// AppositionEnds end an apposition that goes on to the next name of a
	// list (", a 17 billion active parameter model with 16 experts, and ").
	AppositionEnds []string `yaml:"apposition_ends"`
	// GapJoiners are the words and marks a gap that holds only names may
	// hold besides them ("（MMPR-v1.2和", " and "), with their spaces.
	GapJoiners []string `yaml:"gap_joiners"`
	// Articles and IndefiniteArticles are the English articles ("the",
	// "a"): after a comma they continue a list, before a name they make
	// it any of its family ("a byte-level Llama").
	Articles           []string `yaml:"articles"`
	IndefiniteArticles []string `yaml:"indefinite_articles"`
	// BenchmarkSubsets written after a catalogued benchmark's name, a
	// space between, name a harder or smaller part of it that is scored
	// on its own ("HealthBench Hard", "SWE-bench Lite"); matched with
	// this case.
	BenchmarkSubsets []string `yaml:"benchmark_subsets"`
	// LanguageCodes are the ISO 639-1 codes and the ISO 639-3 codes
	// speech and multilingual benchmarks use ("ja", "yue", "cmn"): after
	// a hyphen right after a benchmark's name, one names the benchmark's
	// split in that language ("MGSM-ja", "Fleurs-yue"); lowercase.
	LanguageCodes []string `yaml:"language_codes"`
	// GainRivalsBefore are the words written right before the model a
	// gain or a rise is measured over ("over X", "比 X", "so với X");
	// GainRivalsAfter those written right after it ("X 대비", "X比",
	// "Xと比べ"). Matched with this case.
	GainRivalsBefore []string `yaml:"gain_rivals_before"`
	GainRivalsAfter  []string `yaml:"gain_rivals_after"`
	// WinRateWords name a pairwise win rate ("win rate", "胜率"): a win
	// rate above half over a model is a rise over it ("win rates of 75.7%
	// over X"). Matched lower-cased.
	WinRateWords []string `yaml:"win_rate_words"`
	// ScoreArrows join an earlier score to the one it rose or fell to
	// ("71.24% -> 80.60%", "70.1 → 80.6"): the number before one is an
	// earlier value.
	ScoreArrows []string `yaml:"score_arrows"`
	// TestNouns are Chinese, Japanese and Korean words for a test or an
	// exam ("평가", "試験", "测试"): with one in its sentence, a Latin
	// acronym in brackets after the text's own words names the test it
	// scores ("한국 의사국가시험(KMLE) … 평가에서 86.7점").
	TestNouns []string `yaml:"test_nouns"`
	// RivalParticles after a model name in a Japanese or Korean sentence
	// mark it as what a comparison cue further on measures against
	// ("X に対しては、…上回っています", "X에 비해 … 앞섰다").
	RivalParticles []string `yaml:"rival_particles"`
	// PercentWords written after a number make it a percentage, as "%"
	// does ("87.5 per cent", "44.0 percent"); lowercase, matched as words.
	PercentWords []string `yaml:"percent_words"`
	// Cues are phrases by cue kind (CueRelease, …) and language.
	Cues map[string]Phrases `yaml:"cues"`
}

// Vendor is an organisation that makes AI models.
type Vendor struct {
	// ID is the canonical lowercase slug ("deepseek").
	ID string `yaml:"id"`
	// Names are the display name and the spellings matched ("Meta" and
	// "LG" only with exactly this case).
	Names `yaml:",inline"`
	// Broad marks an organisation whose name alone does not make a text
	// about AI: it sells much besides AI models (Google, Samsung), or its
	// name is also an ordinary word or a common acronym (Runway, LG). Its
	// name counts only in articles that are about AI.
	Broad bool `yaml:"broad"`
	// Hints are phrases that point at the vendor where its name is garbled
	// or missing: its founders, backers, home and products ("Tsinghua" for
	// Zhipu, "Kimi chatbot" for Moonshot). They are context, not names.
	Hints []string `yaml:"hints"`
	// HuggingFace are the vendor's own organisations on the Hugging Face
	// Hub ("deepseek-ai"): a new model repository there is the vendor
	// releasing a model. Matched case-insensitively.
	HuggingFace []string `yaml:"huggingface"`
	// CodeOrgs are the vendor's organisations on code hosts (GitHub,
	// GitLab) whose handles are no names the vendor is called by in text,
	// being ordinary words there ("pytorch" of Meta): a repository of
	// theirs is the vendor's. Handles that name the vendor
	// ("facebookresearch") are aliases. Matched case-insensitively.
	CodeOrgs []string `yaml:"code_orgs"`
	// Parent is the id of the group that owns the vendor, a lab that signs
	// its own models ("SB Intuitions" of SoftBank): its models are
	// credited to the parent in a text that names the parent but not the
	// lab ("ソフトバンク、「Sarashina 2.2」を公開").
	Parent string `yaml:"parent"`
	// Team marks a team inside an organisation that is itself no model
	// maker here (the SmolLM team of Hugging Face, a hosting site). Like a
	// lab with a Parent, it is a vendor of a text that names it or
	// releases its models, not of one that only mentions a model of it.
	Team bool `yaml:"team"`
}

// Family is a line of models sharing a name stem ("Qwen", "Llama").
type Family struct {
	ID     string `yaml:"id"`
	Vendor string `yaml:"vendor"`
	// Name is the canonical stem written in output names.
	Name string `yaml:"name"`
	// Stems are matched case-insensitively; Case only with exactly this case.
	Stems []string `yaml:"stems"`
	Case  []string `yaml:"case"`
	// Versioned are native spellings that are also ordinary words of
	// their language ("소라" a shell, "파이" a pie, "비오" of "비오는"):
	// matched like Stems, they name a model only with a version after
	// them ("소라 2", "파이-4"), never alone, bare or not.
	Versioned []string `yaml:"versioned"`
	// Bare means the stem alone, without a version, names a model.
	Bare bool `yaml:"bare"`
	// Joined means a version must be attached to the stem ("Step-1", not
	// "Step 1"), because the stem is also an ordinary word.
	Joined bool `yaml:"joined"`
	// Short are single capital letters that start a version standing alone
	// once the family or its vendor has been named ("V" for "V3.1").
	Short       []string `yaml:"short"`
	Modalities  []string `yaml:"modalities"`
	OpenWeights bool     `yaml:"open_weights"`
	// Style is how the family's canonical names are written (StyleHyphen
	// when empty); LowerVariants writes variant words in lowercase
	// ("o4-mini", "Phi-4-mini").
	Style         string `yaml:"style"`
	LowerVariants bool   `yaml:"lower_variants"`
	// Renamed are the names the maker gave the family's line from a
	// version on, oldest first: from Doubao 1.6 on ByteDance writes
	// "Doubao-Seed-1.6", and the "Seed 1.6" of its lab is the same model.
	Renamed []Rename `yaml:"renamed"`
}

// Rename is how a family's models are named from a version on, where the
// maker renamed the line or folded it into another family.
type Rename struct {
	// From is the first version named so ("1.6"): the models whose first
	// name part is this version or a later one ("2.0", "1.8").
	From string `yaml:"from"`
	// Name is the stem written from that version on ("Doubao-Seed"), in
	// the family's style; empty keeps the family's name.
	Name string `yaml:"name"`
	// Family is the id of the family the models belong to from that
	// version on, named by its rules and renames ("Seed 1.6" is Doubao's
	// "Doubao-Seed-1.6"); empty keeps the family.
	Family string `yaml:"family"`
}

// VersionAtLeast reports whether version v, digits and dots with an
// optional leading "v" ("1.6", "v2", "2.0"), is from or later, comparing
// number by number ("1.10" is later than "1.9"). A v that starts with no
// number is no version and is never at least from.
func VersionAtLeast(v, from string) bool {
	if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') {
		v = v[1:]
	}
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false
	}
	for {
		a, restV := leadingNumber(v)
		b, restF := leadingNumber(from)
		if a != b {
			return a > b
		}
		if restF == "" {
			return true
		}
		if restV == "" {
			return false // "2" is not yet "2.1"
		}
		v, from = restV, restF
	}
}

// leadingNumber reads the number at the start of s and returns it with
// what follows its dot; the rest is "" when no dot and digit follow.
func leadingNumber(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if n < 1<<20 {
			n = n*10 + int(s[i]-'0')
		}
		i++
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		return n, s[i+1:]
	}
	return n, ""
}

// Family styles: how canonical model names join their parts.
const (
	// StyleHyphen joins every part with a hyphen: "DeepSeek-V3",
	// "GLM-4.5-Air", "Kimi-K2-Instruct".
	StyleHyphen = "hyphen"
	// StyleAttached writes a version onto the stem and hyphenates the
	// rest: "Qwen2.5-72B-Instruct", "InternLM3-8B".
	StyleAttached = "attached"
	// StyleSpaced joins every part with a space: "Claude 3.5 Sonnet",
	// "Llama 3.1 405B".
	StyleSpaced = "spaced"
)

// Model is a canonical model name the catalog spells out.
type Model struct {
	// Name is the display name, as the maker writes it.
	Name string `yaml:"name"`
	// Family is the family id.
	Family string `yaml:"family"`
	// Aliases are spellings that differ from Name by more than case,
	// spaces and punctuation ("Claude 4 Opus").
	Aliases []string `yaml:"aliases"`
}

// Benchmark is an evaluation whose scores articles report.
type Benchmark struct {
	// Names are the canonical spelling and the others matched.
	Names `yaml:",inline"`
	// Subsets are qualifiers kept after the name when they follow it
	// ("Retail" in "TAU-Bench (Retail)").
	Subsets []string `yaml:"subsets"`
	// Year means a following year belongs to the name ("HMMT 2025").
	Year bool `yaml:"year"`
	// Unit is the unit of scores given as bare numbers ("rating").
	Unit string `yaml:"unit"`
}

// Variant is a group of words that continue a model name, with the
// modalities they imply.
type Variant struct {
	Words []string `yaml:"words"`
	// Spaced words may follow a name after a space ("Claude Sonnet 4"),
	// the others only after a hyphen ("DeepSeek-V3.1-Terminus").
	Spaced     bool     `yaml:"spaced"`
	Modalities []string `yaml:"modalities"`
	// Alone words name a model on their own once the article has named
	// it in full: "Maverick" after "Llama 4 Maverick".
	Alone bool `yaml:"alone"`
	// Brand words keep their capital in a family that writes its variant
	// words in lowercase: "GPT-5.1-Codex" beside "GPT-5-mini".
	Brand bool `yaml:"brand"`
}

// CountWord is a word that scales a number into billions of parameters.
type CountWord struct {
	Word     string  `yaml:"word"`
	Billions float64 `yaml:"billions"`
	// Attached words must touch the number ("72B", not "72 B").
	Attached bool `yaml:"attached"`
}

// License is a licence of model weights.
type License struct {
	// Names are the licence's name and the spellings matched ("MIT" only
	// with exactly this case, not the German "mit").
	Names `yaml:",inline"`
}

// Names are how a vendor, benchmark or licence is named: the display name
// and the other spellings matched, case-insensitively (Aliases) or only
// with exactly this case (Case). The display name is matched like an
// alias unless it is listed in Case.
type Names struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Case    []string `yaml:"case"`
}

// Spellings yields every spelling to match with whether it is matched
// only with exactly its case: Name (unless Case lists it) and Aliases
// without case, then Case with it.
func (n Names) Spellings() iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		if !slices.Contains(n.Case, n.Name) && !yield(n.Name, false) {
			return
		}
		for _, a := range n.Aliases {
			if !yield(a, false) {
				return
			}
		}
		for _, a := range n.Case {
			if !yield(a, true) {
				return
			}
		}
	}
}

// All returns Name, Aliases and Case: every spelling, in that order.
func (n Names) All() []string {
	return slices.Concat([]string{n.Name}, n.Aliases, n.Case)
}

// problems reports empty or padded spellings and a missing Name, each
// prefixed with what.
func (n Names) problems(what string) []string {
	var out []string
	if n.Name == "" {
		out = append(out, what+": no name")
	}
	for _, s := range slices.Concat(n.Aliases, n.Case) {
		if strings.TrimSpace(s) == "" || s != strings.TrimSpace(s) {
			out = append(out, fmt.Sprintf("%s: empty or padded name %q", what, s))
		}
	}
	return out
}

// Phrases are cue phrases by language code ("en", "zh", "ja", "ko", "vi").
type Phrases map[string][]string

// Cue kinds: the keys of Catalog.Cues.
const (
	// CueRelease marks a model being released, launched or open-sourced.
	CueRelease = "release"
	// CueOutperforms and CueMatches mark comparisons; the model they point
	// at is a comparison target.
	CueOutperforms = "outperforms"
	CueMatches     = "matches"
	// CueEfficiency marks claims of doing as well with less.
	CueEfficiency = "efficiency"
	// CueBase marks a model something is built on or listed beside.
	CueBase = "base"
	// CueHistory marks something released before, CuePlanned something not
	// yet released, CueNegation a statement that is denied.
	CueHistory  = "history"
	CuePlanned  = "planned"
	CueNegation = "negation"
	// CueActive, CueTotal and CueParams qualify parameter counts.
	CueActive = "active"
	CueTotal  = "total"
	CueParams = "params"
	// CueOpen marks public weights.
	CueOpen = "open"
	// CueModelNouns refer back to the article's model ("the model").
	CueModelNouns = "model_nouns"
	// CueAI are words that say a text is about AI models ("language
	// model", "生成AI", "인공지능"); phrases written with capitals match
	// only with that case ("AI", "KI").
	CueAI = "ai"
	// CueNaming introduces a model's name after a sentence that announced
	// it unnamed ("… two open models. They are called gpt-oss-120b …").
	CueNaming = "naming"
	// CueDocuments are things released that are no models ("report",
	// "Bericht", "报告"): a model named past one is not what is released.
	CueDocuments = "documents"
	// CueTrails marks a comparison the subject loses ("behind", "trails",
	// "落后于", "を下回る"); its target is compared against.
	CueTrails = "trails"
	// CueRivals marks a model named as a rival without a measured claim
	// ("an open alternative to", "narrows the gap with", "的开源替代",
	// "에 대항"): compared against, never released.
	CueRivals = "rivals"
	// CueAlongside marks models named beside another ("alongside",
	// "together with", "とともに", "와 함께"): released with it when they
	// are its maker's, compared against when they are a rival's.
	CueAlongside = "alongside"
	// CueThanks marks acknowledgements ("we thank", "感谢", "謝辞"): the
	// models after one are built on, never released.
	CueThanks = "thanks"
	// CueDenial marks a sentence that denies or reports a rumour ("denied",
	// "否认", "网传", "否定", "부인"): the models it names are not released.
	CueDenial = "denial"
	// CueData marks data and other things that are no models right before
	// a name ("training data", "数据集", "データセット"): a name no
	// catalog knows there is a dataset, not a model.
	CueData = "data"
	// CueMembers introduces the members of a series a sentence releases
	// ("a model series, which includes PhoGPT-4B and PhoGPT-4B-Chat",
	// "包括", "bao gồm").
	CueMembers = "members"
	// CueImproves marks a newer model's predecessor ("improves upon",
	// "an upgraded version of", "的升级版", "アップグレード版"): a
	// comparison whose target is older.
	CueImproves = "improves"
	// CueEarlier marks a score that is not the subject's current one: an
	// earlier value ("up from 70%", "从 70% 提升到", "70%에서") or a
	// rival's ("than 80%").
	CueEarlier = "earlier"
	// CueDelta marks a number that is a change, not a score ("improved by
	// 10.5%", "提升了 5 个百分点").
	CueDelta = "delta"
	// CueSeries names a model family as a whole ("family", "series",
	// "ファミリー", "系列", "제품군"): the name it follows is a series, and
	// when something is added to it ("「Gemma 3」ファミリーに…を追加",
	// "joins the Gemma 3 family") a series that exists already.
	CueSeries = "series"
	// CueGenre marks a page's own genre when its title says it is a
	// review, a hands-on, a test, an analysis, an interview or a tutorial
	// ("review", "hands-on", "实测", "使ってみた", "써보니", "đánh giá"):
	// such a page writes about models, it does not announce them, unless
	// it says the release is fresh (CueFresh).
	CueGenre = "genre"
	// CueFresh marks a release as news of the day ("today", "out now",
	// "今天", "本日", "오늘", "hôm nay"): a review page with one reports a
	// launch.
	CueFresh = "fresh"
	// CueAvailable marks the release phrases that make a model available
	// ("now available", "rolls out", "上线", "提供開始") rather than launch
	// or open it: of a model the page says launched before, they report
	// wider access (a new region, a new cloud), not a release.
	CueAvailable = "available"
	// CueLeads says a model ranks first on the benchmarks its sentence
	// names, with no number ("Rank #1 on fev-bench", "achieves the best
	// performance on GIFT-Eval", "达到SOTA", "1위"): a claim of the
	// model on each of them, with no value and no target.
	CueLeads = "leads"
	// CueGain marks a number that is a rise of its subject's score, a
	// change (CueDelta) upwards ("+4.6%", "提升 3.2", "3.2ポイント向上",
	// "+2.1점 향상", "cải thiện 3,2 điểm"): written beside a model it is
	// measured over (GainRivalsBefore, GainRivalsAfter), the subject
	// outperforms that model.
	CueGain = "gain"
)

// CueKinds lists every cue kind, in a fixed order.
var CueKinds = []string{CueRelease, CueOutperforms, CueMatches, CueEfficiency, CueBase,
	CueHistory, CuePlanned, CueNegation, CueActive, CueTotal, CueParams, CueOpen, CueModelNouns, CueAI, CueNaming, CueDocuments,
	CueTrails, CueRivals, CueAlongside, CueThanks, CueDenial, CueData, CueMembers, CueImproves, CueEarlier, CueDelta, CueSeries,
	CueGenre, CueFresh, CueAvailable, CueLeads, CueGain}

// Load reads every *.yaml file at the root of fsys, in name order, decodes
// each strictly and merges them into one validated Catalog.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("listing catalog files: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: no *.yaml files", ErrInvalid)
	}
	sort.Strings(names)
	var c Catalog
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading catalog: %w", err)
		}
		part, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		c.merge(part)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Parse decodes one catalog file strictly, without validating references
// between files.
func Parse(data []byte) (*Catalog, error) {
	var c Catalog
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &c, nil
}

func (c *Catalog) merge(o *Catalog) {
	c.Vendors = append(c.Vendors, o.Vendors...)
	c.Families = append(c.Families, o.Families...)
	c.Benchmarks = append(c.Benchmarks, o.Benchmarks...)
	c.Models = append(c.Models, o.Models...)
	c.Variants = append(c.Variants, o.Variants...)
	c.Formats = append(c.Formats, o.Formats...)
	for native, latin := range o.VariantSpellings {
		if c.VariantSpellings == nil {
			c.VariantSpellings = map[string]string{}
		}
		c.VariantSpellings[native] = latin
	}
	c.NotModelParts = append(c.NotModelParts, o.NotModelParts...)
	c.NotVendorContext = append(c.NotVendorContext, o.NotVendorContext...)
	c.NotModels = append(c.NotModels, o.NotModels...)
	c.NotGarbles = append(c.NotGarbles, o.NotGarbles...)
	c.Stopwords = append(c.Stopwords, o.Stopwords...)
	c.Licenses = append(c.Licenses, o.Licenses...)
	c.Pronouns = append(c.Pronouns, o.Pronouns...)
	c.Subjects = append(c.Subjects, o.Subjects...)
	c.ComparisonNouns = append(c.ComparisonNouns, o.ComparisonNouns...)
	c.ModelNouns = append(c.ModelNouns, o.ModelNouns...)
	c.BenchmarkParts = append(c.BenchmarkParts, o.BenchmarkParts...)
	c.BenchmarkNouns = append(c.BenchmarkNouns, o.BenchmarkNouns...)
	c.SizeDeterminers = append(c.SizeDeterminers, o.SizeDeterminers...)
	c.LargerWords = append(c.LargerWords, o.LargerWords...)
	c.SmallerWords = append(c.SmallerWords, o.SmallerWords...)
	c.LatterWords = append(c.LatterWords, o.LatterWords...)
	c.FormerWords = append(c.FormerWords, o.FormerWords...)
	c.PreviewWords = append(c.PreviewWords, o.PreviewWords...)
	c.ReaderConditions = append(c.ReaderConditions, o.ReaderConditions...)
	c.ReaderRequests = append(c.ReaderRequests, o.ReaderRequests...)
	c.SelfOffers = append(c.SelfOffers, o.SelfOffers...)
	c.ModelTasks = append(c.ModelTasks, o.ModelTasks...)
	c.DefinitionBreaks = append(c.DefinitionBreaks, o.DefinitionBreaks...)
	c.DefinitionCopulas = append(c.DefinitionCopulas, o.DefinitionCopulas...)
	c.ArchitectureNouns = append(c.ArchitectureNouns, o.ArchitectureNouns...)
	c.HandleSuffixes = append(c.HandleSuffixes, o.HandleSuffixes...)
	c.RebrandWords = append(c.RebrandWords, o.RebrandWords...)
	c.FollowingWords = append(c.FollowingWords, o.FollowingWords...)
	c.PageParts = append(c.PageParts, o.PageParts...)
	c.LatestWords = append(c.LatestWords, o.LatestWords...)
	c.MethodNouns = append(c.MethodNouns, o.MethodNouns...)
	c.SameDay = append(c.SameDay, o.SameDay...)
	c.Weekdays = mergeWeekdays(c.Weekdays, o.Weekdays)
	c.RoundupWords = append(c.RoundupWords, o.RoundupWords...)
	c.LowerBetter = append(c.LowerBetter, o.LowerBetter...)
	c.PercentWords = append(c.PercentWords, o.PercentWords...)
	c.RivalParticles = append(c.RivalParticles, o.RivalParticles...)
	c.TestNouns = append(c.TestNouns, o.TestNouns...)
	c.BenchmarkSubsets = append(c.BenchmarkSubsets, o.BenchmarkSubsets...)
	c.LanguageCodes = append(c.LanguageCodes, o.LanguageCodes...)
	c.GainRivalsBefore = append(c.GainRivalsBefore, o.GainRivalsBefore...)
	c.GainRivalsAfter = append(c.GainRivalsAfter, o.GainRivalsAfter...)
	c.WinRateWords = append(c.WinRateWords, o.WinRateWords...)
	c.ScoreArrows = append(c.ScoreArrows, o.ScoreArrows...)
	c.ListJoiners = append(c.ListJoiners, o.ListJoiners...)
	c.OrgSuffixes = append(c.OrgSuffixes, o.OrgSuffixes...)
	c.OrgNouns = append(c.OrgNouns, o.OrgNouns...)
	c.OrgAppositions = append(c.OrgAppositions, o.OrgAppositions...)
	c.DownloadMarkers = append(c.DownloadMarkers, o.DownloadMarkers...)
	c.HubMarks = append(c.HubMarks, o.HubMarks...)
	c.ModelHeaders = append(c.ModelHeaders, o.ModelHeaders...)
	c.NameHeaders = append(c.NameHeaders, o.NameHeaders...)
	c.BenchHeaders = append(c.BenchHeaders, o.BenchHeaders...)
	c.MetricHeaders = append(c.MetricHeaders, o.MetricHeaders...)
	c.RespectiveWords = append(c.RespectiveWords, o.RespectiveWords...)
	c.OwnMarkers = append(c.OwnMarkers, o.OwnMarkers...)
	c.NameMorphemes = append(c.NameMorphemes, o.NameMorphemes...)
	c.CountWords = append(c.CountWords, o.CountWords...)
	c.OtherHeads = append(c.OtherHeads, o.OtherHeads...)
	c.OtherHeadsLater = append(c.OtherHeadsLater, o.OtherHeadsLater...)
	c.OtherHeadsJoined = append(c.OtherHeadsJoined, o.OtherHeadsJoined...)
	c.CodeHeads = append(c.CodeHeads, o.CodeHeads...)
	c.CodeBefore = append(c.CodeBefore, o.CodeBefore...)
	c.WebDomains = append(c.WebDomains, o.WebDomains...)
	c.ServiceWords = append(c.ServiceWords, o.ServiceWords...)
	c.ServiceWordsJoined = append(c.ServiceWordsJoined, o.ServiceWordsJoined...)
	c.TeamBefore = append(c.TeamBefore, o.TeamBefore...)
	c.TeamAfter = append(c.TeamAfter, o.TeamAfter...)
	c.TeamsAfter = append(c.TeamsAfter, o.TeamsAfter...)
	c.SeriesBefore = append(c.SeriesBefore, o.SeriesBefore...)
	c.ModelNounsBefore = append(c.ModelNounsBefore, o.ModelNounsBefore...)
	c.UsageAfter = append(c.UsageAfter, o.UsageAfter...)
	c.APIAfter = append(c.APIAfter, o.APIAfter...)
	c.APIBefore = append(c.APIBefore, o.APIBefore...)
	c.ListLinks = append(c.ListLinks, o.ListLinks...)
	c.SeriesGoalAfter = append(c.SeriesGoalAfter, o.SeriesGoalAfter...)
	c.SeriesGoalNot = append(c.SeriesGoalNot, o.SeriesGoalNot...)
	c.SeriesGoalBefore = append(c.SeriesGoalBefore, o.SeriesGoalBefore...)
	c.LicenseQualifiers = append(c.LicenseQualifiers, o.LicenseQualifiers...)
	c.LicenseWords = append(c.LicenseWords, o.LicenseWords...)
	c.Determiners = append(c.Determiners, o.Determiners...)
	c.MakerPrepositions = append(c.MakerPrepositions, o.MakerPrepositions...)
	c.MakerPhrases = append(c.MakerPhrases, o.MakerPhrases...)
	c.ReleaseNouns = append(c.ReleaseNouns, o.ReleaseNouns...)
	c.ReleaseDocumentHeads = append(c.ReleaseDocumentHeads, o.ReleaseDocumentHeads...)
	c.KoreanParticles = append(c.KoreanParticles, o.KoreanParticles...)
	c.TypeWordsLatin = append(c.TypeWordsLatin, o.TypeWordsLatin...)
	c.TypeWordsCJK = append(c.TypeWordsCJK, o.TypeWordsCJK...)
	c.OwnerBefore = append(c.OwnerBefore, o.OwnerBefore...)
	c.FormerBefore = append(c.FormerBefore, o.FormerBefore...)
	c.FormerRoleBefore = append(c.FormerRoleBefore, o.FormerRoleBefore...)
	c.FormerRoles = append(c.FormerRoles, o.FormerRoles...)
	c.FormerAfter = append(c.FormerAfter, o.FormerAfter...)
	c.PartnerWords = append(c.PartnerWords, o.PartnerWords...)
	c.ToolNouns = append(c.ToolNouns, o.ToolNouns...)
	c.ToolCopulas = append(c.ToolCopulas, o.ToolCopulas...)
	c.NotToolWords = append(c.NotToolWords, o.NotToolWords...)
	c.PlaceholderWords = append(c.PlaceholderWords, o.PlaceholderWords...)
	c.SocialPlatforms = append(c.SocialPlatforms, o.SocialPlatforms...)
	c.NameTails = append(c.NameTails, o.NameTails...)
	c.DataNouns = append(c.DataNouns, o.DataNouns...)
	c.DataCopulas = append(c.DataCopulas, o.DataCopulas...)
	c.OwnerAfter = append(c.OwnerAfter, o.OwnerAfter...)
	c.CompanyForms = append(c.CompanyForms, o.CompanyForms...)
	c.TrademarkWords = append(c.TrademarkWords, o.TrademarkWords...)
	c.SampleMarkers = append(c.SampleMarkers, o.SampleMarkers...)
	c.DatasetParts = append(c.DatasetParts, o.DatasetParts...)
	c.ScoreOpeners = append(c.ScoreOpeners, o.ScoreOpeners...)
	c.ScoreClosers = append(c.ScoreClosers, o.ScoreClosers...)
	c.ScoreUnits = append(c.ScoreUnits, o.ScoreUnits...)
	c.TopicParticles = append(c.TopicParticles, o.TopicParticles...)
	c.WithWords = append(c.WithWords, o.WithWords...)
	c.FramedPostCues = append(c.FramedPostCues, o.FramedPostCues...)
	c.TimesWords = append(c.TimesWords, o.TimesWords...)
	c.TimesNotAfter = append(c.TimesNotAfter, o.TimesNotAfter...)
	c.RivalWords = append(c.RivalWords, o.RivalWords...)
	c.StyleWords = append(c.StyleWords, o.StyleWords...)
	c.RankWords = append(c.RankWords, o.RankWords...)
	c.BaselineWords = append(c.BaselineWords, o.BaselineWords...)
	c.IntroWords = append(c.IntroWords, o.IntroWords...)
	c.Months = append(c.Months, o.Months...)
	c.MonthPrepositions = append(c.MonthPrepositions, o.MonthPrepositions...)
	c.MonthPossessives = append(c.MonthPossessives, o.MonthPossessives...)
	c.YearParts = append(c.YearParts, o.YearParts...)
	c.TimeParticles = append(c.TimeParticles, o.TimeParticles...)
	c.FutureTimes = append(c.FutureTimes, o.FutureTimes...)
	c.ProspectiveNouns = append(c.ProspectiveNouns, o.ProspectiveNouns...)
	for w, day := range o.MonthParts {
		if c.MonthParts == nil {
			c.MonthParts = map[string]int{}
		}
		c.MonthParts[w] = day
	}
	c.ElapsedUnits = append(c.ElapsedUnits, o.ElapsedUnits...)
	for w, n := range o.ElapsedCounts {
		if c.ElapsedCounts == nil {
			c.ElapsedCounts = map[string]int{}
		}
		c.ElapsedCounts[w] = n
	}
	c.ElapsedAfter = append(c.ElapsedAfter, o.ElapsedAfter...)
	c.ElapsedBefore = append(c.ElapsedBefore, o.ElapsedBefore...)
	c.ElapsedWeekUnits = append(c.ElapsedWeekUnits, o.ElapsedWeekUnits...)
	c.ElapsedYearUnits = append(c.ElapsedYearUnits, o.ElapsedYearUnits...)
	c.ElapsedLinks = append(c.ElapsedLinks, o.ElapsedLinks...)
	for w, n := range o.ElapsedHalves {
		if c.ElapsedHalves == nil {
			c.ElapsedHalves = map[string]int{}
		}
		c.ElapsedHalves[w] = n
	}
	c.ElapsedClosers = append(c.ElapsedClosers, o.ElapsedClosers...)
	c.ElapsedAhead = append(c.ElapsedAhead, o.ElapsedAhead...)
	c.ElapsedTitle = append(c.ElapsedTitle, o.ElapsedTitle...)
	c.TaskOpeners = append(c.TaskOpeners, o.TaskOpeners...)
	c.VerbVariants = append(c.VerbVariants, o.VerbVariants...)
	c.TierRuns = append(c.TierRuns, o.TierRuns...)
	c.TierHeads = append(c.TierHeads, o.TierHeads...)
	c.AttributiveEnds = append(c.AttributiveEnds, o.AttributiveEnds...)
	c.RelativeOpeners = append(c.RelativeOpeners, o.RelativeOpeners...)
	c.RelativePronouns = append(c.RelativePronouns, o.RelativePronouns...)
	c.ContactSubjects = append(c.ContactSubjects, o.ContactSubjects...)
	c.GerundAuxiliaries = append(c.GerundAuxiliaries, o.GerundAuxiliaries...)
	c.ParticipleAuxiliaries = append(c.ParticipleAuxiliaries, o.ParticipleAuxiliaries...)
	c.AppositionEnds = append(c.AppositionEnds, o.AppositionEnds...)
	c.GapJoiners = append(c.GapJoiners, o.GapJoiners...)
	c.Articles = append(c.Articles, o.Articles...)
	c.IndefiniteArticles = append(c.IndefiniteArticles, o.IndefiniteArticles...)
	for kind, byLang := range o.Cues {
		if c.Cues == nil {
			c.Cues = map[string]Phrases{}
		}
		if c.Cues[kind] == nil {
			c.Cues[kind] = Phrases{}
		}
		for lang, ps := range byLang {
			c.Cues[kind][lang] = append(c.Cues[kind][lang], ps...)
		}
	}
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	langRE = regexp.MustCompile(`^[a-z]{2,3}(-post)?$`)
	// versionRE is a version a rename starts from: numbers joined by dots.
	versionRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)
)

// modalities are the values a family or variant may list.
var modalities = map[string]bool{"text": true, "image": true, "audio": true, "video": true, "embedding": true, "robotics": true}

// Validate checks ids, references and spellings, and reports every problem
// found, wrapped in ErrInvalid.
func (c *Catalog) Validate() error {
	var v validation
	vendors := v.vendors(c.Vendors)
	families := v.families(c.Families, vendors)
	v.renames(c.Families, families)
	v.models(c.Models, families)
	v.benchmarks(c.Benchmarks)
	v.variants(c.Variants, c.VariantSpellings)
	v.lists(c)
	v.cues(c.Cues)
	return errors.Join(v.errs...)
}

// validation gathers the problems Validate finds, each wrapped in
// ErrInvalid.
type validation struct{ errs []error }

func (v *validation) bad(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...))
}

// names reports the empty or padded names of list.
func (v *validation) names(what string, list []string) {
	for _, s := range list {
		if strings.TrimSpace(s) == "" || s != strings.TrimSpace(s) {
			v.bad("%s: empty or padded name %q", what, s)
		}
	}
}

// weekdays reports a week that is not seven days long, or a day's
// empty or padded name.
func (v *validation) weekdays(week [][]string) {
	if len(week) != 0 && len(week) != 7 {
		v.bad("weekdays: %d days, want 7 (Sunday first)", len(week))
	}
	for _, day := range week {
		v.names("weekdays", day)
	}
}

// spacedWords reports empty words in a list whose spaces are part of
// the words ("nhóm ", " team").
func (v *validation) spacedWords(what string, list []string) {
	for i, w := range list {
		if strings.TrimSpace(w) == "" {
			v.bad("%s: word %d is empty", what, i+1)
		}
	}
}

// spellings reports what Names.problems finds.
func (v *validation) spellings(what string, n Names) {
	for _, p := range n.problems(what) {
		v.bad("%s", p)
	}
}

// vendors checks ids, names and Hugging Face organisations, and returns
// the vendor ids.
func (v *validation) vendors(list []Vendor) map[string]bool {
	ids := map[string]bool{}
	hubOrgs := map[string]string{}
	for i, ven := range list {
		what := fmt.Sprintf("vendor %d (%s)", i+1, ven.ID)
		switch {
		case !slugRE.MatchString(ven.ID):
			v.bad("%s: id must be a lowercase slug", what)
		case ids[ven.ID]:
			v.bad("%s: duplicate id", what)
		}
		ids[ven.ID] = true
		if ven.Parent == ven.ID {
			v.bad("%s: its own parent", what)
		}
		v.spellings(what, ven.Names)
		v.names(what, ven.Hints)
		v.names(what, ven.HuggingFace)
		v.names(what, ven.CodeOrgs)
		for _, org := range ven.HuggingFace {
			if owner, ok := hubOrgs[strings.ToLower(org)]; ok {
				v.bad("%s: Hugging Face organisation %q is %s's already", what, org, owner)
			}
			hubOrgs[strings.ToLower(org)] = ven.ID
		}
	}
	for i, ven := range list {
		if ven.Parent != "" && !ids[ven.Parent] {
			v.bad("vendor %d (%s): unknown parent %q", i+1, ven.ID, ven.Parent)
		}
	}
	return ids
}

// families checks ids, vendors, stems, short prefixes, modalities and
// styles, and returns the family ids.
func (v *validation) families(list []Family, vendors map[string]bool) map[string]bool {
	ids := map[string]bool{}
	for i, f := range list {
		what := fmt.Sprintf("family %d (%s)", i+1, f.ID)
		switch {
		case !slugRE.MatchString(f.ID):
			v.bad("%s: id must be a lowercase slug", what)
		case ids[f.ID]:
			v.bad("%s: duplicate id", what)
		}
		ids[f.ID] = true
		if !vendors[f.Vendor] {
			v.bad("%s: unknown vendor %q", what, f.Vendor)
		}
		if f.Name == "" {
			v.bad("%s: no name", what)
		}
		if len(f.Stems)+len(f.Case) == 0 {
			v.bad("%s: no stems", what)
		}
		v.names(what, f.Stems)
		v.names(what, f.Case)
		v.names(what, f.Versioned)
		for _, s := range slices.Concat(f.Stems, f.Case, f.Versioned) {
			if utf8.RuneCountInString(s) < 2 {
				v.bad("%s: stem %q is shorter than two characters", what, s)
			}
		}
		for _, s := range f.Short {
			if len(s) != 1 || s[0] < 'A' || s[0] > 'Z' {
				v.bad("%s: short prefix %q must be one capital letter", what, s)
			}
		}
		v.modalities(what, f.Modalities)
		switch f.Style {
		case "", StyleHyphen, StyleAttached, StyleSpaced:
		default:
			v.bad("%s: style %q is not %s, %s or %s", what, f.Style, StyleHyphen, StyleAttached, StyleSpaced)
		}
	}
	return ids
}

// renames checks each family's renames: a version to start from, in
// ascending order, a new name or family, a family that exists and renames
// into no third one, so a name is renamed at most twice.
func (v *validation) renames(list []Family, families map[string]bool) {
	into := map[string]bool{}
	for _, f := range list {
		for _, r := range f.Renamed {
			if r.Family != "" {
				into[f.ID] = true
			}
		}
	}
	for i, f := range list {
		what := fmt.Sprintf("family %d (%s)", i+1, f.ID)
		for j, r := range f.Renamed {
			switch {
			case !versionRE.MatchString(r.From):
				v.bad("%s: rename from %q: not a version such as 1.6", what, r.From)
			case j > 0 && !VersionAtLeast(r.From, f.Renamed[j-1].From):
				v.bad("%s: rename from %q: renames must run oldest first", what, r.From)
			}
			if r.Name == "" && r.Family == "" {
				v.bad("%s: rename from %q: needs a name or a family", what, r.From)
			}
			if r.Name != strings.TrimSpace(r.Name) {
				v.bad("%s: rename from %q: padded name %q", what, r.From, r.Name)
			}
			switch {
			case r.Family == "":
			case !families[r.Family]:
				v.bad("%s: rename from %q: unknown family %q", what, r.From, r.Family)
			case r.Family == f.ID:
				v.bad("%s: rename from %q: into its own family", what, r.From)
			case into[r.Family]:
				v.bad("%s: rename from %q: family %q renames into another family itself", what, r.From, r.Family)
			}
		}
	}
}

// modalities reports values a family or variant may not list.
func (v *validation) modalities(what string, list []string) {
	for _, m := range list {
		if !modalities[m] {
			v.bad("%s: unknown modality %q", what, m)
		}
	}
}

// models checks names, families, and that no spelling names two models.
func (v *validation) models(list []Model, families map[string]bool) {
	spellings := map[string]string{}
	for i, m := range list {
		what := fmt.Sprintf("model %d (%s)", i+1, m.Name)
		if strings.TrimSpace(m.Name) == "" || m.Name != strings.TrimSpace(m.Name) {
			v.bad("%s: empty or padded name", what)
		}
		if !families[m.Family] {
			v.bad("%s: unknown family %q", what, m.Family)
		}
		v.names(what, m.Aliases)
		for _, n := range append([]string{m.Name}, m.Aliases...) {
			k := Fold(n)
			if other, dup := spellings[k]; dup && other != m.Name {
				v.bad("%s: %q is also a spelling of %s", what, n, other)
			}
			spellings[k] = m.Name
		}
	}
}

// benchmarks checks names and subsets.
func (v *validation) benchmarks(list []Benchmark) {
	seen := map[string]bool{}
	for i, b := range list {
		what := fmt.Sprintf("benchmark %d (%s)", i+1, b.Name)
		v.spellings(what, b.Names)
		if seen[strings.ToLower(b.Name)] {
			v.bad("%s: duplicate name", what)
		}
		seen[strings.ToLower(b.Name)] = true
		v.names(what, b.Subsets)
	}
}

// variants checks variant groups, and that native spellings spell a
// variant word.
func (v *validation) variants(list []Variant, spellings map[string]string) {
	words := map[string]bool{}
	for i, g := range list {
		what := fmt.Sprintf("variant group %d", i+1)
		if len(g.Words) == 0 {
			v.bad("%s: no words", what)
		}
		v.names(what, g.Words)
		v.modalities(what, g.Modalities)
		for _, w := range g.Words {
			words[strings.ToLower(w)] = true
		}
	}
	for native, latin := range spellings {
		if !words[strings.ToLower(latin)] {
			v.bad("variant_spellings: %q spells %q, which is no variant word", native, latin)
		}
	}
}

// lists checks the word lists, count words and licences.
func (v *validation) lists(c *Catalog) {
	v.names("formats", c.Formats)
	v.names("not_model_parts", c.NotModelParts)
	v.names("not_vendor_context", c.NotVendorContext)
	v.names("not_models", c.NotModels)
	v.names("not_garbles", c.NotGarbles)
	v.names("stopwords", c.Stopwords)
	v.names("comparison_nouns", c.ComparisonNouns)
	v.names("benchmark_parts", c.BenchmarkParts)
	v.names("benchmark_nouns", c.BenchmarkNouns)
	v.names("larger_words", c.LargerWords)
	v.names("smaller_words", c.SmallerWords)
	v.names("latter_words", c.LatterWords)
	v.names("former_words", c.FormerWords)
	v.names("preview_words", c.PreviewWords)
	v.names("reader_conditions", c.ReaderConditions)
	v.names("reader_requests", c.ReaderRequests)
	v.names("self_offers", c.SelfOffers)
	v.names("model_tasks", c.ModelTasks)
	v.spacedWords("definition_breaks", c.DefinitionBreaks)
	v.spacedWords("definition_copulas", c.DefinitionCopulas)
	v.spacedWords("code_before", c.CodeBefore)
	v.spacedWords("architecture_nouns", c.ArchitectureNouns)
	v.names("handle_suffixes", c.HandleSuffixes)
	v.names("rebrand_words", c.RebrandWords)
	v.names("following_words", c.FollowingWords)
	v.names("page_parts", c.PageParts)
	v.names("latest_words", c.LatestWords)
	v.names("method_nouns", c.MethodNouns)
	v.names("same_day", c.SameDay)
	v.weekdays(c.Weekdays)
	v.names("roundup_words", c.RoundupWords)
	v.names("lower_better", c.LowerBetter)
	v.names("percent_words", c.PercentWords)
	v.names("rival_particles", c.RivalParticles)
	v.names("test_nouns", c.TestNouns)
	v.names("benchmark_subsets", c.BenchmarkSubsets)
	v.names("language_codes", c.LanguageCodes)
	v.names("gain_rivals_before", c.GainRivalsBefore)
	v.names("gain_rivals_after", c.GainRivalsAfter)
	v.names("win_rate_words", c.WinRateWords)
	v.names("score_arrows", c.ScoreArrows)
	v.names("list_joiners", c.ListJoiners)
	v.names("org_suffixes", c.OrgSuffixes)
	v.names("org_nouns", c.OrgNouns)
	v.names("org_appositions", c.OrgAppositions)
	v.names("download_markers", c.DownloadMarkers)
	v.names("hub_marks", c.HubMarks)
	v.names("model_headers", c.ModelHeaders)
	v.names("name_headers", c.NameHeaders)
	v.names("bench_headers", c.BenchHeaders)
	v.names("metric_headers", c.MetricHeaders)
	v.names("respective_words", c.RespectiveWords)
	v.names("own_markers", c.OwnMarkers)
	v.names("name_morphemes", c.NameMorphemes)
	v.names("other_heads", c.OtherHeads)
	v.names("other_heads_later", c.OtherHeadsLater)
	v.names("other_heads_joined", c.OtherHeadsJoined)
	v.names("code_heads", c.CodeHeads)
	v.names("web_domains", c.WebDomains)
	v.names("service_words", c.ServiceWords)
	v.names("service_words_joined", c.ServiceWordsJoined)
	v.spacedWords("team_before", c.TeamBefore)
	v.spacedWords("team_after", c.TeamAfter)
	v.spacedWords("teams_after", c.TeamsAfter)
	v.spacedWords("series_before", c.SeriesBefore)
	v.spacedWords("model_nouns_before", c.ModelNounsBefore)
	v.names("usage_after", c.UsageAfter)
	v.spacedWords("api_after", c.APIAfter)
	v.spacedWords("api_before", c.APIBefore)
	v.spacedWords("list_links", c.ListLinks)
	v.spacedWords("series_goal_after", c.SeriesGoalAfter)
	v.names("series_goal_not", c.SeriesGoalNot)
	v.spacedWords("series_goal_before", c.SeriesGoalBefore)
	v.spacedWords("license_qualifiers", c.LicenseQualifiers)
	v.names("license_words", c.LicenseWords)
	v.spacedWords("determiners", c.Determiners)
	v.spacedWords("maker_prepositions", c.MakerPrepositions)
	v.spacedWords("maker_phrases", c.MakerPhrases)
	v.names("release_nouns", c.ReleaseNouns)
	v.names("release_document_heads", c.ReleaseDocumentHeads)
	v.names("korean_particles", c.KoreanParticles)
	v.names("type_words_latin", c.TypeWordsLatin)
	v.names("type_words_cjk", c.TypeWordsCJK)
	v.spacedWords("owner_before", c.OwnerBefore)
	v.spacedWords("former_before", c.FormerBefore)
	v.spacedWords("former_role_before", c.FormerRoleBefore)
	v.names("former_roles", c.FormerRoles)
	v.names("former_after", c.FormerAfter)
	v.names("partner_words", c.PartnerWords)
	v.names("tool_nouns", c.ToolNouns)
	v.spacedWords("tool_copulas", c.ToolCopulas)
	v.names("not_tool_words", c.NotToolWords)
	v.names("placeholder_words", c.PlaceholderWords)
	v.names("social_platforms", c.SocialPlatforms)
	v.names("name_tails", c.NameTails)
	v.names("data_nouns", c.DataNouns)
	v.spacedWords("data_copulas", c.DataCopulas)
	v.spacedWords("owner_after", c.OwnerAfter)
	v.spacedWords("company_forms", c.CompanyForms)
	v.names("trademark_words", c.TrademarkWords)
	v.names("sample_markers", c.SampleMarkers)
	v.names("dataset_parts", c.DatasetParts)
	v.spacedWords("score_openers", c.ScoreOpeners)
	v.spacedWords("score_closers", c.ScoreClosers)
	v.spacedWords("score_units", c.ScoreUnits)
	v.names("topic_particles", c.TopicParticles)
	v.names("with_words", c.WithWords)
	v.names("framed_post_cues", c.FramedPostCues)
	v.spacedWords("times_words", c.TimesWords)
	v.names("times_not_after", c.TimesNotAfter)
	v.names("rival_words", c.RivalWords)
	v.spacedWords("style_words", c.StyleWords)
	v.names("rank_words", c.RankWords)
	v.names("baseline_words", c.BaselineWords)
	v.names("intro_words", c.IntroWords)
	v.names("months", c.Months)
	if len(c.Months) != 0 && len(c.Months) != 12 {
		v.bad("months: %d names, want 12", len(c.Months))
	}
	v.names("month_prepositions", c.MonthPrepositions)
	v.names("month_possessives", c.MonthPossessives)
	v.names("year_parts", c.YearParts)
	v.names("time_particles", c.TimeParticles)
	v.names("future_times", c.FutureTimes)
	v.names("prospective_nouns", c.ProspectiveNouns)
	v.names("elapsed_units", c.ElapsedUnits)
	v.names("elapsed_after", c.ElapsedAfter)
	v.names("elapsed_before", c.ElapsedBefore)
	v.names("elapsed_week_units", c.ElapsedWeekUnits)
	v.names("elapsed_year_units", c.ElapsedYearUnits)
	v.names("elapsed_links", c.ElapsedLinks)
	for w, n := range c.ElapsedCounts {
		if w == "" || n < 1 {
			v.bad("elapsed_counts: %q counts %d, want 1 or more", w, n)
		}
	}
	for w, n := range c.ElapsedHalves {
		if w == "" || n < 1 {
			v.bad("elapsed_halves: %q stands for %d days, want 1 or more", w, n)
		}
	}
	v.names("elapsed_closers", c.ElapsedClosers)
	v.names("elapsed_ahead", c.ElapsedAhead)
	v.names("elapsed_title", c.ElapsedTitle)
	v.names("task_openers", c.TaskOpeners)
	v.names("verb_variants", c.VerbVariants)
	for _, run := range c.TierRuns {
		v.names("tier_runs", run)
	}
	v.names("tier_heads", c.TierHeads)
	v.names("attributive_ends", c.AttributiveEnds)
	v.names("relative_openers", c.RelativeOpeners)
	v.names("relative_pronouns", c.RelativePronouns)
	v.names("contact_subjects", c.ContactSubjects)
	for w, day := range c.MonthParts {
		if w == "" || day < 1 || day > 28 {
			v.bad("month_parts: %q stands for day %d, want 1 to 28", w, day)
		}
	}
	v.spacedWords("gerund_auxiliaries", c.GerundAuxiliaries)
	v.names("participle_auxiliaries", c.ParticipleAuxiliaries)
	v.spacedWords("apposition_ends", c.AppositionEnds)
	v.spacedWords("gap_joiners", c.GapJoiners)
	v.names("articles", c.Articles)
	v.names("indefinite_articles", c.IndefiniteArticles)
	for i, p := range c.Pronouns {
		if strings.TrimSpace(p) == "" {
			v.bad("pronoun %d is empty", i+1)
		}
	}
	for i, n := range c.ModelNouns {
		if strings.TrimSpace(n) == "" {
			v.bad("model noun %d is empty", i+1)
		}
	}
	for i, d := range c.SizeDeterminers {
		if strings.TrimSpace(d) == "" {
			v.bad("size determiner %d is empty", i+1)
		}
	}
	for i, w := range c.CountWords {
		if strings.TrimSpace(w.Word) == "" || w.Billions <= 0 {
			v.bad("count word %d (%q): needs a word and billions > 0", i+1, w.Word)
		}
	}
	for i, l := range c.Licenses {
		v.spellings(fmt.Sprintf("license %d (%s)", i+1, l.Name), l.Names)
	}
}

// cues checks cue kinds and languages, and that release phrases exist.
func (v *validation) cues(cues map[string]Phrases) {
	known := map[string]bool{}
	for _, k := range CueKinds {
		known[k] = true
	}
	for kind, byLang := range cues {
		if !known[kind] {
			v.bad("cues: unknown kind %q", kind)
		}
		for lang, ps := range byLang {
			if !langRE.MatchString(lang) {
				v.bad("cues %s: language %q is not a language code", kind, lang)
			}
			v.names("cues "+kind+" "+lang, ps)
		}
	}
	if len(cues[CueRelease]) == 0 {
		v.bad("cues: no release phrases")
	}
}

// Vendor returns the vendor with id, and whether there is one.
func (c *Catalog) Vendor(id string) (Vendor, bool) {
	for _, v := range c.Vendors {
		if v.ID == id {
			return v, true
		}
	}
	return Vendor{}, false
}

// Fold returns the comparison key of a name: its letters and digits in
// lower case ("Qwen2.5-72B" and "qwen 2.5 72b" fold alike), as the
// evaluation and the search filters compare names.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// mergeWeekdays adds an overlay's names of each day of the week to the
// base's, day by day.
func mergeWeekdays(base, more [][]string) [][]string {
	if len(base) == 0 {
		return more
	}
	out := make([][]string, len(base))
	for i := range base {
		out[i] = append([]string(nil), base[i]...)
		if i < len(more) {
			out[i] = append(out[i], more[i]...)
		}
	}
	return out
}
