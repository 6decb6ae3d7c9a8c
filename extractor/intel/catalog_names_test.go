package intel_test

import (
	"testing"

	"github.com/modelwire/modelwire/event"
)

// TestCatalogNames reads the names of 2024-2025 model news, one per
// sentence, and wants each found whole with its maker: the catalog's
// breadth, and the grammar over it.
func TestCatalogNames(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct{ name, vendor string }{
		{"Qwen3-235B-A22B", "alibaba"}, {"Qwen3-Coder", "alibaba"}, {"QwQ-32B", "alibaba"}, {"Wan2.2", "alibaba"}, {"Wan 2.1", "alibaba"},
		{"DeepSeek-V3.1", "deepseek"}, {"DeepSeek-R1-0528", "deepseek"}, {"DeepSeek-Prover-V2", "deepseek"}, {"DeepSeek-OCR", "deepseek"}, {"Janus-Pro-7B", "deepseek"},
		{"Kimi K2", "moonshot"}, {"Kimi-VL-A3B-Thinking", "moonshot"}, {"Moonlight-16B-A3B", "moonshot"},
		{"GLM-4.5", "zhipu"}, {"GLM-4.5V", "zhipu"}, {"GLM-4.1V-Thinking", "zhipu"}, {"CogVideoX-5B", "zhipu"},
		{"MiniMax-M1", "minimax"}, {"MiniMax-Text-01", "minimax"}, {"Hailuo 02", "minimax"},
		{"Step-3", "stepfun"}, {"Step-Audio", "stepfun"}, {"Step-Video-T2V", "stepfun"},
		{"ERNIE 4.5", "baidu"}, {"ERNIE X1", "baidu"}, {"Hunyuan-A13B", "tencent"}, {"HunyuanVideo", "tencent"}, {"Hunyuan-T1", "tencent"},
		{"Doubao-1.5-pro", "bytedance"}, {"Seed-OSS-36B", "bytedance"}, {"Seedream 4.0", "bytedance"}, {"Seedance 1.0", "bytedance"},
		{"InternLM3-8B", "shanghai-ai-lab"}, {"InternVL3-78B", "shanghai-ai-lab"}, {"Baichuan-M1-14B", "baichuan"}, {"Yi-Lightning", "01ai"},
		{"Skywork-R1V", "kunlun"}, {"SenseNova V6", "sensetime"}, {"MiMo-7B", "xiaomi"}, {"LongCat-Flash-Chat", "meituan"}, {"Ling-1T", "ant"}, {"Ring-1T", "ant"},
		{"Llama 4 Maverick", "meta"}, {"Gemma 3 27B", "google"}, {"Gemini 2.5 Pro", "google"}, {"Veo 3", "google"}, {"Genie 3", "google"},
		{"GPT-4.1", "openai"}, {"GPT-4.5", "openai"}, {"GPT-5", "openai"}, {"gpt-oss-120b", "openai"}, {"o3", "openai"}, {"o4-mini", "openai"}, {"Sora 2", "openai"},
		{"Claude 3.7 Sonnet", "anthropic"}, {"Claude Opus 4.1", "anthropic"}, {"Claude Sonnet 4", "anthropic"},
		{"Grok 3", "xai"}, {"Grok 4", "xai"}, {"Mistral Medium 3", "mistral"}, {"Magistral Small", "mistral"}, {"Devstral", "mistral"}, {"Codestral 25.01", "mistral"},
		{"Phi-4", "microsoft"}, {"Phi-4-mini", "microsoft"}, {"MAI-1", "microsoft"}, {"Nemotron Nano 2", "nvidia"}, {"Cosmos-Predict2", "nvidia"},
		{"EXAONE 4.0", "lg"}, {"HyperCLOVA X THINK", "naver"}, {"Kanana-1.5-8B", "kakao"}, {"Solar Pro 2", "upstage"}, {"A.X 4.0", "skt"},
		{"Falcon-H1", "tii"}, {"Falcon3-10B", "tii"}, {"OLMo 2", "allenai"}, {"OLMoE-1B-7B", "allenai"}, {"Tülu 3", "allenai"}, {"Command A", "cohere"}, {"Aya Vision", "cohere"},
		{"Sarvam-M", "sarvam"}, {"PLaMo 2", "pfn"}, {"LLM-jp-3", "llm-jp"}, {"tsuzumi 2", "ntt"}, {"Sarashina2.2", "sb-intuitions"}, {"Stockmark-2", "stockmark"},
		{"Granite 3.3", "ibm"}, {"Granite-4.0-H-Small", "ibm"}, {"OpenELM-3B", "apple"}, {"FastVLM", "apple"}, {"FLUX.1 Kontext", "black-forest-labs"},
		{"Stable Diffusion 3.5 Large", "stability"}, {"Gen-4", "runway"}, {"Ray2", "luma"}, {"Kling 2.1", "kuaishou"}, {"Kolors", "kuaishou"},
		{"PanGu", "huawei"}, {"iFlytek Spark X1", "iflytek"}, {"GO-1", "agibot"}, {"Jamba 1.6", "ai21"}, {"Amazon Nova Premier", "amazon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := event.Article{Title: "Language model news", Text: "The new language model is " + tc.name + ".", Language: "en"}
			an.Analyze(&a, nil)
			for _, m := range a.Models {
				if fold(m.Name) == fold(tc.name) {
					if m.Vendor != tc.vendor {
						t.Errorf("%q: vendor %q, want %q", tc.name, m.Vendor, tc.vendor)
					}
					return
				}
			}
			t.Errorf("%q not found in %v", tc.name, names(a.Models))
		})
	}
}
