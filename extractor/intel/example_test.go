package intel_test

import (
	"fmt"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/extractor/intel"
)

// Resolve reads names given alone, as an operator or a search filter
// writes them, and returns their canonical identities.
func ExampleAnalyzer_Resolve() {
	cat, err := configs.Catalog()
	if err != nil {
		panic(err)
	}
	an := intel.New(cat)
	for _, name := range []string{"qwen 3 coder", "Kwen3", "Deep Seek V3"} {
		models, _ := an.Resolve(name)
		m := models[0]
		fmt.Printf("%s → %s (%s, %.2f: %s)\n", name, m.Name, m.ID, m.Resolution.Confidence, m.Resolution.Reason)
	}
	// Output:
	// qwen 3 coder → Qwen3-Coder (alibaba/qwen3-coder, 1.00: catalogued model)
	// Kwen3 → Qwen3 (alibaba/qwen3, 0.60: sounds like Qwen)
	// Deep Seek V3 → DeepSeek-V3 (deepseek/deepseek-v3, 1.00: catalogued model)
}
