package indexer

import (
	"slices"

	"github.com/modelwire/modelwire/event"
)

// Renamer gives the names stored before entity resolution, or under an
// older catalog, their canonical identities. Reresolve rewrites indexed
// articles and release records with it; `modelwire catalog migrate` passes
// the analyzer's resolver.
type Renamer interface {
	// Model returns the canonical model a stored name names (its ID, Name,
	// Vendor and Family), and whether the catalog knows it; a name it does
	// not know keeps its spelling and stays a discovery.
	Model(name string) (event.Model, bool)
	// Vendor returns the vendor a stored vendor id or name names: the
	// catalog's id and name, or the slug and the name given when the
	// catalog knows none.
	Vendor(id string) event.Vendor
}

// ReresolveStats counts what Reresolve read and rewrote.
type ReresolveStats struct {
	Articles        int `json:"articles"`
	ArticlesChanged int `json:"articles_changed"`
	Releases        int `json:"releases"`
	// ReleasesRenamed moved to a new key; ReleasesMerged of them joined a
	// record already stored under that key.
	ReleasesRenamed int `json:"releases_renamed"`
	ReleasesMerged  int `json:"releases_merged"`
}

// identity is the identity fields of an indexed article.
type identity struct {
	vendors, models, keys, ids, unknown, names []string
}

// reresolveArticle maps an article's stored vendors and model names to
// canonical ones.
func reresolveArticle(r Renamer, vendors, models []string) identity {
	var a event.Article
	addVendor := func(v event.Vendor) {
		if v.ID != "" && !slices.ContainsFunc(a.Vendors, func(x event.Vendor) bool { return x.ID == v.ID }) {
			a.Vendors = append(a.Vendors, v)
		}
	}
	for _, v := range vendors {
		addVendor(r.Vendor(v))
	}
	for _, name := range models {
		m, known := r.Model(name)
		if !known {
			m = event.Model{Name: name, Resolution: &event.Resolution{Provisional: true}}
		}
		if slices.ContainsFunc(a.Models, func(x event.Model) bool { return x.Name == m.Name }) {
			continue
		}
		a.Models = append(a.Models, m)
		if known {
			addVendor(r.Vendor(m.Vendor))
		}
	}
	return identity{
		vendors: vendorIDs(a.Vendors), models: modelNames(a.Models), keys: modelKeys(a.Models),
		ids: modelIDs(a.Models), unknown: unknownModels(a.Models), names: nonNil(nameTerms(a)),
	}
}

// reresolveRelease returns a release record under its canonical identity:
// model name, id, vendor and key.
func reresolveRelease(r Renamer, rec ReleaseRecord) ReleaseRecord {
	m, known := r.Model(rec.Model)
	id, canonical, vendor := m.ID, m.Name, m.Vendor
	if !known {
		canonical, vendor = rec.Model, r.Vendor(rec.Vendor).ID
		id = rec.ModelID
	}
	out := rec
	out.Model, out.ModelID = canonical, id
	if known {
		out.Parent = m.Parent
	}
	out.Vendor = event.Slug(vendor)
	out.Key = event.ReleaseKey(vendor, canonical)
	out.Claims = slices.Clone(rec.Claims)
	for i, c := range out.Claims {
		if m, ok := r.Model(c.Model); ok {
			out.Claims[i].Model = m.Name
		}
	}
	return out
}

// mergeRecords folds release record b into a (both of a's key): as if b's
// sightings had come as one event.
func mergeRecords(a, b ReleaseRecord) ReleaseRecord {
	return MergeRelease(a, event.ReleaseEvent{
		Key: a.Key, Vendor: a.Vendor, Model: a.Model, ModelID: b.ModelID, Parent: b.Parent, Role: b.Role,
		FirstSeen: b.FirstSeen, PublishedAt: b.PublishedAt, Confidence: b.Confidence,
		Evidence: b.Evidence, Title: b.Title, Sources: b.Sources, Claims: b.Claims,
	})
}

// sameStrings reports equal lists.
func sameStrings(a, b []string) bool {
	return slices.Equal(a, b)
}
