package intel

// dropDeniedTitles takes back the release a title alone gives a model the
// body denies: "Google says no Gemini 4 this year, pouring cold water on
// launch chatter" over "Google has no plans to release Gemini 4" is a
// denial, not a launch. A body sentence that releases the model keeps the
// title's release ("OpenAI launches GPT-5.5" over "GPT-5.5 is now
// available", though another sentence denies a rumour about it).
func (s *state) dropDeniedTitles() {
	if len(s.sents) == 0 {
		return
	}
	title := s.sentence(0)
	for i, rec := range s.models {
		if rec.conf == 0 || !rec.denied || rec.evidence != title || s.bodyReleases(i) {
			continue
		}
		rec.conf, rec.evidence, rec.along = 0, "", false
	}
}

// bodyReleases reports a release cue past the title, neither denied,
// planned nor past, whose sentence names model, as the released model or
// as one a rumour spoke of ("GPT-5.5, rumored for months, is now
// available"), not as one compared against, built on or older.
func (s *state) bodyReleases(model int) bool {
	for _, c := range s.cues[cueRelease] {
		if c.start < s.titleEnd || s.blocked(c) {
			continue
		}
		sent := s.sents[s.sentenceAt(c.start)]
		for _, m := range s.mentionsIn(sent.start, sent.end) {
			if m.model == model && (m.role == roleNone || m.role == roleDenied) {
				return true
			}
		}
	}
	return false
}
