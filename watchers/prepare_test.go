package watchers

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// TestPrepareRecordsOnlyNewAgreements checks that Prepare records the
// starting status of agreements the database does not have yet, also
// after a reload adds one, and leaves the others' status and history as
// they are.
func TestPrepareRecordsOnlyNewAgreements(t *testing.T) {
	r := newRig(t, "all", "")
	ctx := context.Background()
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	err := r.store.InTx(ctx, func(tx *storage.Tx) error {
		return tx.SetStatus(&storage.Change{AgreementID: "ru-cn", Status: "signed", Source: storage.SourceAdmin, UserID: "U1"})
	})
	if err != nil {
		t.Fatal(err)
	}

	cfg := r.w.Config()
	text, err := os.ReadFile(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	text = append(text, `  - id: eu-cn
    name: EU–China cyber dialogue
    kind: working_group
    parties: [European Union, China]
    status: active
    match: 'cyber* AND (EU OR Brussels) AND (China OR Beijing)'
`...)
	path := filepath.Join(r.dir, "pactwatch.yaml")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err = config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.w.Reload(cfg)
	if _, err := r.w.Prepare(ctx); err != nil {
		t.Fatal(err)
	}

	var got []string
	for _, id := range []string{"ru-cn", "us-cn", "eu-cn"} {
		st, err := r.store.AgreementState(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		history, err := r.store.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		line := id + " " + st.Status + ":"
		for _, c := range history {
			line += " " + c.Source + "/" + c.Status
		}
		got = append(got, line)
	}
	want := []string{
		"ru-cn signed: config/rumored admin/signed",
		"us-cn suspended: config/suspended",
		"eu-cn active: config/active",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses and histories (-want +got):\n%s", diff)
	}
}
