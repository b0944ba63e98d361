package network

import (
	"math/rand"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// BenchmarkAnalyze ranks the brokers of a random graph of 3,000 actors
// and 80,000 relationships (the size the 20,000-document bench store has).
func BenchmarkAnalyze(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	es := make([]actorgraph.Edge, 80000)
	for i := range es {
		// a skewed degree distribution, as in reports: a few actors are everywhere
		a := actorgraph.ActorID(1 + int(float64(3000)*rng.Float64()*rng.Float64()))
		c := actorgraph.ActorID(1 + rng.Intn(3000))
		es[i] = actorgraph.Edge{ID: actorgraph.EdgeID(i + 1), Source: a, Target: c, Count: 1 + rng.Intn(3), Type: actorgraph.Ally}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := Analyze(es, Options{Top: 20})
		if len(r.Brokers) != 20 {
			b.Fatal(len(r.Brokers))
		}
	}
}
