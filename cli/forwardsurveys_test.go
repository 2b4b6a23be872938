package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// A forwarding kiosk turns the year with its agency: the agency server
// (`serve --nats-listen`) closes 2026 and starts 2027, and the kiosk
// (`berakhlak --forward`, with the credentials `nats creds kiosk` issues)
// has 2026 closed and 2027 open in its own database, without anyone at it,
// and says so in its log. Before, it kept collecting for 2026, and the
// agency set all of it aside.
func TestForwardingKioskTurnsTheYearWithItsAgency(t *testing.T) {
	dir := t.TempDir()
	var agencyLog testkit.LockedBuffer
	agency, agencyDB, url, _ := agencyServer(t, dir, &agencyLog)
	creds := kioskCreds(t, dir, agencyDB)
	kiosk, err := db.Open(filepath.Join(dir, "kiosk.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer kiosk.Close()
	var kioskLog testkit.LockedBuffer
	_, stopForwarding, err := startForwarding(kiosk, questionnaire.Default().Version, url, natsClientFlags{creds: creds}.options(), &kioskLog, func() {})
	if err != nil {
		t.Fatal(err)
	}
	defer stopForwarding()

	testkit.ChangeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.Open = false })
	next, _, err := agency.NewSurvey("2027", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := agency.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		old, _, _ := kiosk.Survey("2026")
		latest, _ := kiosk.LatestSurvey()
		if !old.Open && latest.ID == "2027" && latest.Open {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the kiosk did not turn the year: 2026 %+v, latest %+v; its log:\n%s\nthe agency's:\n%s", old, latest, kioskLog.String(), agencyLog.String())
		}
	}
	for _, want := range []string{"survey 2026 closed, as the agency's", "survey 2027 started, as the agency's"} {
		for deadline := time.Now().Add(10 * time.Second); !strings.Contains(kioskLog.String(), want); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the kiosk's log does not say %q:\n%s", want, kioskLog.String())
			}
		}
	}
	if strings.Contains(kioskLog.String(), "cannot hear") || strings.Contains(agencyLog.String(), "cannot tell") {
		t.Errorf("fresh credentials were taken for older ones:\n%s\n%s", kioskLog.String(), agencyLog.String())
	}
}
