package indexer

import (
	"encoding/json"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/modelwire/modelwire/event"
)

// EncodeArticle is the JSON the Elastic store sends for a, for benchmarks
// that send the same documents without the store.
func EncodeArticle(a event.Article) ([]byte, error) { return json.Marshal(articleSourceOf(a)) }

// ClaimDocs counts the articles with a claim whose fields match: model
// and benchmark exactly (when not empty) and a value of at least minValue,
// read from the claims.model, claims.benchmark and claims.value fields the
// store indexes.
func (e *Embedded) ClaimDocs(model, benchmark string, minValue float64) (int, error) {
	var qs []query.Query
	if model != "" {
		q := bleve.NewTermQuery(model)
		q.SetField("claims.model")
		qs = append(qs, q)
	}
	if benchmark != "" {
		q := bleve.NewTermQuery(benchmark)
		q.SetField("claims.benchmark")
		qs = append(qs, q)
	}
	q := bleve.NewNumericRangeQuery(&minValue, nil)
	q.SetField("claims.value")
	qs = append(qs, q)
	res, err := e.articles.Search(bleve.NewSearchRequest(bleve.NewConjunctionQuery(qs...)))
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}
