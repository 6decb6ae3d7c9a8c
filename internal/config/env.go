package config

import (
	"maps"
	"slices"
	"strings"
)

// Environment overrides: variable → key. Each holds an address or a
// secret, which deployments give processes through their environment.
var envKeys = []struct{ env, key string }{
	{"MODELWIRE_DATA", "data_dir"},
	{"MODELWIRE_NATS_URL", "nats.url"},
	{"MODELWIRE_NATS_USER", "nats.user"},
	{"MODELWIRE_NATS_PASSWORD", "nats.password"},
	{"MODELWIRE_NATS_TOKEN", "nats.token"},
	{"MODELWIRE_NATS_NKEY_FILE", "nats.nkey_file"},
	{"MODELWIRE_NATS_CREDS", "nats.creds_file"},
	{"MODELWIRE_ES_URL", "elasticsearch.addresses"},
	{"MODELWIRE_ES_USERNAME", "elasticsearch.username"},
	{"MODELWIRE_ES_PASSWORD", "elasticsearch.password"},
	{"MODELWIRE_ES_API_KEY", "elasticsearch.api_key"},
}

// EnvVars returns the environment variables Env reads, besides those
// webhooks' secret_env and Hugging Face sources' token_env name.
func EnvVars() []string {
	out := make([]string, 0, len(envKeys))
	for _, e := range envKeys {
		out = append(out, e.env)
	}
	return out
}

// Env applies the environment overrides read through getenv: each of
// EnvVars that is set replaces its key (MODELWIRE_ES_URL is a
// comma-separated list), each webhook's secret_env its secret and each
// Hugging Face source's token_env its token. c is not changed.
func (c Config) Env(getenv func(string) string) Config {
	c.fromEnv = maps.Clone(c.fromEnv)
	for _, e := range envKeys {
		v := getenv(e.env)
		if v == "" {
			continue
		}
		if c.fromEnv == nil {
			c.fromEnv = map[string]string{}
		}
		c.fromEnv[e.key] = e.env
		switch dst := c.envField(e.key).(type) {
		case *string:
			*dst = v
		case *[]string:
			*dst = strings.Split(v, ",")
		}
	}
	c.Notify.Webhooks = slices.Clone(c.Notify.Webhooks)
	for i, h := range c.Notify.Webhooks {
		if v := getenv(h.SecretEnv); h.SecretEnv != "" && v != "" {
			c.Notify.Webhooks[i].Secret = v
		}
	}
	c.Sources = slices.Clone(c.Sources)
	for i, s := range c.Sources {
		if s.HuggingFace == nil || s.HuggingFace.TokenEnv == "" {
			continue
		}
		if v := getenv(s.HuggingFace.TokenEnv); v != "" {
			hf := *s.HuggingFace
			hf.Token = v
			c.Sources[i].HuggingFace = &hf
		}
	}
	return c
}

// envField returns the field of the key an environment variable sets.
func (c *Config) envField(key string) any {
	switch key {
	case "data_dir":
		return &c.DataDir
	case "nats.url":
		return &c.NATS.URL
	case "nats.user":
		return &c.NATS.User
	case "nats.password":
		return &c.NATS.Password
	case "nats.token":
		return &c.NATS.Token
	case "nats.nkey_file":
		return &c.NATS.NKeyFile
	case "nats.creds_file":
		return &c.NATS.CredsFile
	case "elasticsearch.addresses":
		return &c.Elasticsearch.Addresses
	case "elasticsearch.username":
		return &c.Elasticsearch.Username
	case "elasticsearch.password":
		return &c.Elasticsearch.Password
	case "elasticsearch.api_key":
		return &c.Elasticsearch.APIKey
	}
	return nil
}

// origin names where key's value came from in a message: " (from
// MODELWIRE_ES_URL)" when the environment set it, else nothing.
func (c Config) origin(key string) string {
	if v := c.fromEnv[key]; v != "" {
		return " (from " + v + ")"
	}
	return ""
}
