package intel

// Tuning as data. Every confidence, threshold and byte window the release
// decision uses is a named value in the table below, so a tuning change is
// a one-line diff that an evaluation result can name ("releases precision
// 0.88 → 0.91 with topicConf 0.6 → 0.5"), as Prometheus keeps every
// default in DefaultGlobalConfig. The identities' confidences are in
// resolveConf (identity.go); the bounds that keep adversarial input linear
// are in index.go.
//
// Windows are in bytes of the analysed text (UTF-8: a Chinese character is
// three bytes, a Hangul syllable three), measured from the edge of the cue
// or mention named.

// releaseTuning holds the release decision's settings; tune is the one in
// use. Neither is ever written.
type releaseTuning struct {
	// Confidences of a release, by the evidence for it: a release verb
	// in the title (titleConf) or in a sentence (sentenceConf) with the
	// model as its object; the next sentence naming the models a release
	// sentence announced unnamed (namedNextConf); a repository titled
	// with the model (repoTitleConf); the title's series when its
	// variants are released (seriesConf); the article's topic model for a
	// release of "the model" (topicConf); a download table of the
	// article's vendor (downloadConf); a size or tuning of a released
	// model named in the article (variantConf).
	titleConf, sentenceConf, namedNextConf, repoTitleConf float64
	seriesConf, topicConf, downloadConf, variantConf      float64
	// releasedBase is the confidence a release needs before its sizes
	// and tunings are released along with it, seriesBase the confidence
	// the releases of a series' models need before the series the title
	// names is released (a download table's sizes of "FastVLM").
	releasedBase, seriesBase float64

	// Where a release verb looks for its object: from objectBefore bytes
	// before it to objectAfter bytes after it; for verbs that follow
	// their object (Korean, Japanese) from postBefore before to postAfter
	// after. passiveGap is how far after such a verb a name may stand
	// ("公開された EXAONE"); cjkTopicRunes how many characters a Chinese
	// topic may stand before its verb ("GLM-4.5 正式开源").
	objectBefore, objectAfter, postBefore, postAfter int
	passiveGap, cjkTopicRunes                        int
	// attributiveNounGap is how long the noun phrase between an
	// attributive release verb and the name it describes may be
	// ("공개된 경량 모델 'X'").
	attributiveNounGap int
	// objectGap is how far after a verb written before its object
	// (English, Vietnamese) the list of models it releases may start;
	// an apposition between two of them ("Scout, a 17B model with 16
	// experts, and Maverick") is at most appositionGap bytes.
	objectGap, appositionGap int

	// A release verb is blocked (denied, planned, recalled) by a
	// negation up to negationBefore bytes before it, a plan up to
	// plannedBefore, a past marker up to historyBefore before or
	// historyAfter after; for verbs that follow their object the negation
	// and plan may also stand up to postBlockAfter bytes after ("공개하지
	// 않았다", "公開する予定").
	negationBefore, plannedBefore, historyBefore, historyAfter, postBlockAfter int
	// A Chinese release word is blocked too by a negation or plan up to
	// cjkBlockAfter bytes after it in its clause ("开源版本则“正在准备中”").
	cjkBlockAfter int
	// holdReach is how far around a blocked verb the models it holds
	// (planned, denied) or dates (recalled) may stand.
	holdReach int
	// A release dated pastMonths or more before the article's
	// publication recalls rather than announces, and so does one dated
	// pastDays or more before it when the text gives the day or the part
	// of the month ("at the end of September"); the date is looked for
	// from dateBefore bytes (at least dateBeforeRunes characters) before
	// the verb to dateAfter after it, or from the start of the clause,
	// at most dateClauseRunes characters back, for verbs that follow
	// their object; after the verb it reaches dateClauseAfter bytes when
	// the clause goes on that far (a long list of objects). A release of
	// a model the title names recalls only from titlePastDays.
	pastMonths, pastDays, titlePastDays, dateBefore, dateBeforeRunes, dateAfter, dateClauseRunes, dateClauseAfter int
	// On an undated page (a README) an entry of its news log recalls
	// when dated logPastMonths or more before the log's newest release
	// entry: the page was kept since that entry, and the entries of the
	// quarter before it are its current launches.
	logPastMonths int
	// A sentence whose first dateHead bytes are a date and a colon is a
	// dated line ("2025-04-16: …"): its date dates the whole line.
	dateHead int
	// A span of time counted since a release ("仅过去一周", "a week ago",
	// "출시 1주 만에") dates it before the page from elapsedDays: the
	// text itself says the release is over, so a week is enough.
	elapsedDays int
	// A release dated at most freshDays before the page's publication is
	// news of its day ("4日に公開した", read on the 5th): a review page
	// that dates a release so reports a launch (dropReviewed).
	freshDays int

	// A comparison or reference cue reaches the list of models that
	// starts within chainFirstAfter bytes after it (chainFirstBefore
	// before it, for cues that follow their models); a list goes on
	// across gaps of at most listGap bytes without a joiner, and past a
	// bracketed aside on a name of at most asideBytes ("A (with and
	// without synthetic data) and B").
	chainFirstAfter, chainFirstBefore, listGap, asideBytes int
	// A past or retirement predicate that follows its model and ends its
	// clause, past at most clauseTail bytes of verb ending ("공개를
	// 종료했다"), says what became of the clause's subject.
	clauseTail int

	// A release verb introduces names no catalog knows from
	// introduceBefore bytes before it to introduceAfter after it (the
	// other way round for verbs that follow their object); a model noun
	// calls a name a model from nounBefore bytes before it to nounAfter
	// after it ("the DiT model", "Mercury, a diffusion LLM").
	introduceBefore, introduceAfter, nounBefore, nounAfter int
	// After a definition's copula ("X is a"), a model noun defines the
	// name across at most definitionWords spaced Latin words (the
	// copula's among them), however
	// many bytes they take ("is a leading open-weight text-to-speech
	// model"); unspaced scripts keep nounAfter.
	definitionWords int
	// A name no catalog knows is data, not a model, with a data word
	// ("training data", "数据集") at most dataReach bytes from it.
	dataReach int
	// A comparison introduces a name no catalog knows up to rivalReach
	// bytes after it (before it, for a cue that follows its model).
	rivalReach int
	// A list of rivals before such a cue goes on back to a name at most
	// listReach bytes before the next one, for at most maxListedRivals
	// names ("A(71.5점)와 B(72.9점)보다").
	listReach, maxListedRivals int

	// A score pairs with a benchmark at most scoreReach bytes from it,
	// scoreReachAlone when it is the sentence's only benchmark and only
	// score, or written beside its own model; a number is a model's when
	// at most ownerGap bytes of connector stand between ("o3-mini
	// (86.5%)").
	scoreReach, scoreReachAlone, ownerGap int
	// A sentence saying a model ranks first with no number (a leads cue)
	// claims the lead on each of its benchmarks, when it names at most
	// leadBenches: more are a flattened table or a list of tasks.
	leadBenches int
	// A vendor is a benchmark's maker, not a model maker, when a
	// benchmark follows each of its names within benchMakerReach bytes
	// ("LMSYS Chatbot Arena") and none of its models is named.
	benchMakerReach int
	// A vendor a project's page (a README) never names, when the page
	// releases another maker's model, is credited through its models only
	// when they are named at least passingMakerMin times in all: one
	// passing mention ("larger than GPT-3") names a model, not a maker of
	// the page.
	passingMakerMin int
	// A vendor named in a list that opens at most partnerReach bytes
	// before it with a partner word ("from our partners AWS, Databricks
	// and Groq") sells or hosts the page's models.
	partnerReach int
	// A vendor named only in at most projectShortMax capitals that open
	// the page's project name as the text writes it ("KT" of
	// "KTransformers") is the project's short name.
	projectShortMax int

	// A comparison whose sentence opens with a pronoun ("Its score …")
	// is about the model named at most pronounReach bytes before; one
	// that names no model compares with the phrase of at most phraseAfter
	// bytes after it (phraseBefore before it, for a cue that follows);
	// a phrase so cut that goes on to name its rival after a model noun
	// ("… the pre-trained language model ZetaBERT") runs to the name, at
	// most phraseNamed bytes.
	pronounReach, phraseAfter, phraseBefore, phraseNamed int

	// A line of at most headingBytes with no sentence punctuation at its
	// end is a heading: a vendor or model named in one (or in the title)
	// is one the article is about.
	headingBytes int

	// choosePrimary weighs a vendor's names: titleWeight in the title,
	// earlyWeight in the first earlyBytes of the text, 1 elsewhere;
	// a model compared against or built on counts roleDiscount times as
	// much; the owner of the repository the page is ("owner/repo" in
	// its title or address) adds repoOwnerWeight.
	titleWeight, earlyWeight, roleDiscount, repoOwnerWeight float64
	earlyBytes                                              int

	// A vendor named at most makerGap bytes after one of its own models
	// ("Gemma 4 12B của Google") is that model's maker, not the maker of
	// a new model named later in the sentence.
	makerGap int

	// A bare series named at most seriesGap bytes before one of its own
	// models, in the same phrase ("通义千问下一代旗舰 Qwen4"), qualifies it.
	seriesGap int

	// Download tables that offer the vendor's models of catalogLines
	// lines or more (names of that many first words: "Codestral",
	// "Mistral", "Pixtral") are a catalog of everything the vendor ever
	// published, not the checkpoints of one release, which offers the
	// sizes and tunings of one line or two.
	catalogLines int
}

var tune = releaseTuning{
	titleConf: 0.9, sentenceConf: 0.85, namedNextConf: 0.8, repoTitleConf: 0.75,
	seriesConf: 0.7, topicConf: 0.6, downloadConf: 0.6, variantConf: 0.5,
	releasedBase: 0.75, seriesBase: 0.6,

	objectBefore: 80, objectAfter: 200, postBefore: 200, postAfter: 40,
	passiveGap: 12, attributiveNounGap: 30, cjkTopicRunes: 8, objectGap: 80, appositionGap: 100,

	negationBefore: 14, plannedBefore: 28, historyBefore: 24, historyAfter: 20, postBlockAfter: 18,
	cjkBlockAfter: 24, holdReach: 120,
	pastMonths: 2, pastDays: 14, titlePastDays: 31, logPastMonths: 3, dateBefore: 40, dateBeforeRunes: 30, dateAfter: 40, dateClauseRunes: 100, dateClauseAfter: 100, dateHead: 24, elapsedDays: 7,
	freshDays: 7,

	chainFirstAfter: 48, chainFirstBefore: 32, listGap: 28, asideBytes: 80, clauseTail: 12,

	introduceBefore: 80, introduceAfter: 120, nounBefore: 32, nounAfter: 40, definitionWords: 6,
	dataReach: 16, rivalReach: 24, listReach: 64, maxListedRivals: 6,

	scoreReach: 40, scoreReachAlone: 120, ownerGap: 12, leadBenches: 4, benchMakerReach: 40, passingMakerMin: 2,
	partnerReach: 120, projectShortMax: 3,

	pronounReach: 400, phraseAfter: 80, phraseBefore: 60, phraseNamed: 200,

	headingBytes: 120,

	titleWeight: 6, earlyWeight: 2, roleDiscount: 0.5, repoOwnerWeight: 10,
	earlyBytes: 400,

	makerGap: 8, seriesGap: 32,

	catalogLines: 3,
}
