package watchers

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// A feed URL's password and secret-looking query parameters reach neither
// the log, nor the database, nor the feed_broken alert, whether the feed
// answers with an error or with a body that does not parse.
func TestFeedURLSecretsStayInside(t *testing.T) {
	for _, body := range []string{"", "<rss><channel><item><title>cut"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if body == "" {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, body)
		}))
		defer srv.Close()
		dir := t.TempDir()
		url := strings.Replace(srv.URL, "http://", "http://reader:pa55word@", 1) + "/feed?apikey=s3cretkey&lang=en"
		cfgText := "database: pw.db\nslack:\n  channel: C1\nfeeds:\n  - id: f1\n    url: " + url + "\n" + rigAgreements
		path := filepath.Join(dir, "pactwatch.yaml")
		if err := os.WriteFile(path, []byte(cfgText), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
		store, err := storage.Open(context.Background(), cfg.Database, storage.WithClock(func() time.Time { return now }))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		var logs bytes.Buffer
		w := New(cfg, store, Options{Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(&logs, nil))})
		for range 3 {
			now = now.Add(24 * time.Hour)
			if rep := w.Poll(context.Background()); rep.Feeds[0].Err == nil {
				t.Fatal("the poll of a failing feed did not fail")
			}
		}
		st, err := store.FeedState(context.Background(), "f1")
		if err != nil {
			t.Fatal(err)
		}
		alerts, err := store.Alerts(context.Background())
		if err != nil || len(alerts) != 1 || alerts[0].Kind != storage.KindFeedBroken {
			t.Fatalf("alerts %+v, %v; want one feed_broken", alerts, err)
		}
		for where, text := range map[string]string{"log": logs.String(), "last error": st.LastError, "alert": alerts[0].Error} {
			if strings.Contains(text, "pa55word") || strings.Contains(text, "s3cretkey") {
				t.Errorf("the %s shows a secret of the URL: %s", where, text)
			}
			if !strings.Contains(text, "apikey=xxxxx&lang=en") && where != "alert" && body == "" {
				t.Errorf("the %s does not name the redacted URL: %s", where, text)
			}
		}
	}
}
