package main

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSlackAppManifest checks that the manifest in the repository asks
// Slack for what pactwatch serves: /pact, the scopes it uses, buttons,
// the Home tab and its event, Socket Mode, and URLs on the daemon's routes.
func TestSlackAppManifest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "slack-app-manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			AppHome struct {
				HomeTab bool `yaml:"home_tab_enabled"`
			} `yaml:"app_home"`
			SlashCommands []struct {
				Command string `yaml:"command"`
				URL     string `yaml:"url"`
			} `yaml:"slash_commands"`
		} `yaml:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `yaml:"bot"`
			} `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				URL       string   `yaml:"request_url"`
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool   `yaml:"is_enabled"`
				URL     string `yaml:"request_url"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	path := func(u string) string {
		p, err := url.Parse(u)
		if err != nil {
			t.Errorf("bad URL %q", u)
			return ""
		}
		return p.Path
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/pact" ||
		path(m.Features.SlashCommands[0].URL) != "/slack/commands" {
		t.Errorf("slash commands: %+v", m.Features.SlashCommands)
	}
	for _, s := range []string{"chat:write", "commands", "channels:history", "groups:history", "im:write", "im:history", "files:write"} {
		if !slices.Contains(m.OAuth.Scopes.Bot, s) {
			t.Errorf("bot scopes lack %s", s)
		}
	}
	if !m.Features.AppHome.HomeTab || !slices.Contains(m.Settings.Events.BotEvents, "app_home_opened") ||
		path(m.Settings.Events.URL) != "/slack/events" {
		t.Errorf("Home tab: %+v, events %+v", m.Features.AppHome, m.Settings.Events)
	}
	if !m.Settings.Interactivity.Enabled || path(m.Settings.Interactivity.URL) != "/slack/interactions" {
		t.Errorf("interactivity: %+v", m.Settings.Interactivity)
	}
	if !m.Settings.SocketMode {
		t.Error("Socket Mode is off: the manifest's default is Socket Mode")
	}
}
