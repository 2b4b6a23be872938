package relay

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

// changeSurvey saves survey id of s as change leaves it.
func changeSurvey(t *testing.T, s *db.Store, id string, change func(*db.Survey)) {
	t.Helper()
	sv, found, err := s.Survey(id)
	if err != nil || !found {
		t.Fatalf("survey %s: found %v, %v", id, found, err)
	}
	change(&sv)
	if err := s.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
}

// followLog collects what a follower logs.
type followLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *followLog) add(line string, warning bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("warning=%v %s", warning, line))
}

func (l *followLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// startFollower follows agency's surveys into kiosk with the credentials of
// a kiosk of that agency.
func startFollower(t *testing.T, ns *Embedded, kiosk *db.Store, agency string) *followLog {
	t.Helper()
	f := NewSurveyFollower(kiosk, instrument.Version, connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, agency), agency)
	log := &followLog{}
	f.Log = log.add
	runInBackground(t, f.Run)
	return log
}

// A kiosk takes its agency's year: the agency closes 2026 and the kiosk's
// 2026 closes; the agency starts 2027 asking for codes and with fewer
// modules, and the kiosk has it, open, asking the same, with its own
// sealing carried from its 2026. A kiosk that connects later learns it at
// once (it asks). Another agency on the same server, turning its own year,
// changes nothing of this one's kiosks.
func TestKioskFollowsItsAgencysSurveys(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agency, kiosk, other := openStore(t, "agency.db"), openStore(t, "kiosk.db"), openStore(t, "other.db")
	runInBackground(t, NewSurveyTeller(agency, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf).Run)
	runInBackground(t, NewSurveyTeller(other, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "lan"), "lan", t.Logf).Run)
	sealing := ageRecipient(t)
	changeSurvey(t, kiosk, "2026", func(sv *db.Survey) { sv.Recipient = sealing })
	log := startFollower(t, ns, kiosk, "bkn")

	// The other agency closes its year first: nothing reaches bkn's kiosk.
	changeSurvey(t, other, "2026", func(sv *db.Survey) { sv.Open = false })
	changeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.K = 7 })
	eventually(t, 20*time.Second, "the kiosk takes the agency's k", func() bool {
		sv, _, _ := kiosk.Survey("2026")
		return sv.K == 7
	})
	if sv, _, _ := kiosk.Survey("2026"); !sv.Open {
		t.Fatalf("another agency's close reached this agency's kiosk; its log:\n%s", log)
	}

	changeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.Open = false })
	next, _, err := agency.NewSurvey("2027", "")
	if err != nil {
		t.Fatal(err)
	}
	next.RequireCode = true
	next.Modules[questionnaire.AudiencePublic] = nil
	if err := agency.SaveSurvey(next); err != nil {
		t.Fatal(err)
	}
	eventually(t, 20*time.Second, "the kiosk closes 2026 and starts 2027", func() bool {
		old, _, _ := kiosk.Survey("2026")
		_, found, _ := kiosk.Survey("2027")
		return !old.Open && found
	})
	got, _, _ := kiosk.Survey("2027")
	if !got.Open || !got.RequireCode || got.K != 7 || len(got.Modules[questionnaire.AudiencePublic]) != 0 ||
		!reflect.DeepEqual(got.Modules[questionnaire.AudienceASN], next.Modules[questionnaire.AudienceASN]) {
		t.Errorf("the kiosk's 2027 is not the agency's: %+v, want open, codes, k 7, no public modules", got)
	}
	if got.Instrument != instrument.Version {
		t.Errorf("the kiosk's 2027 records instrument %q; it asks %s", got.Instrument, instrument.Version)
	}
	if got.Recipient != sealing {
		t.Errorf("the kiosk's 2027 lost its own sealing: %q", got.Recipient)
	}
	if latest, _ := kiosk.LatestSurvey(); latest.ID != "2027" {
		t.Errorf("the kiosk's latest survey is %s", latest.ID)
	}
	for _, want := range []string{"survey 2026 closed, as the agency's", "survey 2027 started, as the agency's", "codes import FILE.csv --survey 2027"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the kiosk's log does not say %q:\n%s", want, log)
		}
	}

	// A kiosk that was away: it asks on connecting, and is told.
	late := openStore(t, "late.db")
	startFollower(t, ns, late, "bkn")
	eventually(t, 20*time.Second, "a kiosk connecting later takes 2027", func() bool {
		sv, found, _ := late.Survey("2027")
		old, _, _ := late.Survey("2026")
		return found && sv.RequireCode && !old.Open
	})
}

// ageRecipient is a fresh age recipient.
func ageRecipient(t *testing.T) string {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id.Recipient().String()
}

// A notice is refused whole when it does not read or check, whoever sent
// it: the kiosk's surveys stay as they were, and the refusal says why.
func TestKioskRefusesANoticeThatDoesNotCheck(t *testing.T) {
	kiosk := openStore(t, "kiosk.db")
	before, err := kiosk.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	notice := func(edit func(*SurveyNotice)) []byte {
		sn := SurveyNotice{ID: "2027", Open: true, K: 5, Modules: db.DefaultSurvey("2027").Modules}
		edit(&sn)
		data, _ := json.Marshal(surveysNotice{Surveys: []SurveyNotice{{ID: "2026", K: 5, Modules: sn.Modules}, sn}})
		return data
	}
	many := surveysNotice{}
	for y := range maxNoticeSurveys + 1 {
		many.Surveys = append(many.Surveys, SurveyNotice{ID: fmt.Sprint(1900 + y), K: 5, Modules: db.DefaultSurvey("").Modules})
	}
	tooMany, _ := json.Marshal(many)
	twice, _ := json.Marshal(surveysNotice{Surveys: []SurveyNotice{{ID: "2027", K: 5, Modules: db.DefaultSurvey("").Modules}, {ID: "2027", K: 9, Modules: db.DefaultSurvey("").Modules}}})
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not JSON", []byte("{\"surveys\": ["), "not readable"},
		{"no survey", []byte(`{"surveys":[]}`), "must name 1 to"},
		{"too many", tooMany, "must name 1 to 100"},
		{"too large", append(notice(func(*SurveyNotice) {}), make([]byte, maxNoticeBytes)...), "more than"},
		{"k below the methodology's", notice(func(sn *SurveyNotice) { sn.K = 1 }), "below"},
		{"a module the audience cannot be asked", notice(func(sn *SurveyNotice) { sn.Modules = map[string][]string{questionnaire.AudiencePublic: {"engagement"}} }), "cannot be asked"},
		{"no module at all", notice(func(sn *SurveyNotice) { sn.Modules = nil }), "ask no one"},
		{"a survey that is not a year", notice(func(sn *SurveyNotice) { sn.ID = "../x" }), "must be a year"},
		{"one survey twice", twice, "twice"},
	} {
		adopted, err := AdoptSurveys(kiosk, instrument.Version, tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(adopted.Changes) != 0 {
			t.Errorf("%s: changes %v, error %v; want refused with %q", tc.name, adopted.Changes, err, tc.want)
		}
	}
	after, err := kiosk.Surveys()
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("refused notices changed the kiosk's surveys: %+v → %+v (%v)", before, after, err)
	}
}

// An audience that already has responses on the kiosk keeps its modules
// (its answers were asked those); the rest of the agency's notice is taken,
// and the log says the modules stayed. Older years the kiosk never had are
// not started on it.
func TestKioskKeepsTheModulesItHasAnswersFor(t *testing.T) {
	kiosk := openStore(t, "kiosk.db")
	rng := rand.New(rand.NewPCG(3, 3))
	if err := kiosk.SaveResponse(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", db.RootUnitID, "2026-11-27", 0)); err != nil {
		t.Fatal(err)
	}
	mine, _, _ := kiosk.Survey("2026")
	fewer := db.DefaultSurvey("2026").Modules
	fewer[questionnaire.AudienceASN] = fewer[questionnaire.AudienceASN][:1]
	data, _ := json.Marshal(surveysNotice{Surveys: []SurveyNotice{
		{ID: "2024", K: 5, Modules: fewer},
		{ID: "2026", K: 6, Modules: fewer},
	}})
	adopted, err := AdoptSurveys(kiosk, instrument.Version, data)
	if err != nil {
		t.Fatal(err)
	}
	changes := adopted.Changes
	got, _, _ := kiosk.Survey("2026")
	if !slices.Equal(got.Modules[questionnaire.AudienceASN], mine.Modules[questionnaire.AudienceASN]) || got.K != 6 || got.Open {
		t.Errorf("the kiosk's 2026 is %+v; want its own ASN modules, k 6, closed", got)
	}
	if len(changes) != 1 || !strings.Contains(changes[0], "closed") || !strings.Contains(changes[0], "modules stay as they were") {
		t.Errorf("changes said %q", changes)
	}
	if _, found, _ := kiosk.Survey("2024"); found {
		t.Error("the kiosk started a year older than any it had")
	}
	if again, err := AdoptSurveys(kiosk, instrument.Version, data); err != nil || len(again.Changes) != 0 {
		t.Errorf("the same notice again changed %q (%v)", again.Changes, err)
	}
}

// However many times kiosks ask, the agency tells its surveys at most once
// per askPace: a kiosk asking in a loop cannot make it flood the others.
func TestAgencyAnswersAskingAtItsPace(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agency := openStore(t, "agency.db")
	listener := connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn")
	var told atomic.Int64
	if _, err := listener.Subscribe(SurveysSubject("bkn"), func(*nats.Msg) { told.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if err := listener.Flush(); err != nil {
		t.Fatal(err)
	}
	runInBackground(t, NewSurveyTeller(agency, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf).Run)
	eventually(t, 20*time.Second, "the agency tells its surveys on starting", func() bool { return told.Load() >= 1 })

	asker := connect(t, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn")
	start := time.Now()
	for time.Since(start) < 1500*time.Millisecond {
		if err := asker.Publish(surveysAskSubject("bkn"), nil); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
	}
	eventually(t, 20*time.Second, "the asking is answered", func() bool { return told.Load() >= 2 })
	asking := time.Since(start)
	// One tell on starting, then at most one per pace over the asking and
	// the pace after it.
	if limit := 1 + int64(asking/askPace) + 2; told.Load() > limit {
		t.Errorf("the agency told its surveys %d times for %v of asking; at most %d", told.Load(), asking.Round(time.Millisecond), limit)
	}
}

// Credentials signed before a role had a permission it has now are
// found out, permission by permission; fresh ones lack nothing.
func TestOlderCredentialsSayWhatTheyLack(t *testing.T) {
	auth, _, err := LoadOrCreateAuth(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	id := Identity{Role: RoleKiosk, Agency: "bkn", Kiosk: "lobby"}
	fresh, err := auth.Creds(id)
	if err != nil {
		t.Fatal(err)
	}
	if missing, err := (ClientOptions{CredsData: fresh}).MissingPermissions(); err != nil || len(missing) != 0 {
		t.Errorf("fresh credentials lack %v (%v)", missing, err)
	}
	// As `nats creds kiosk` signed them before kiosks heard their agency's
	// surveys.
	user, _ := nkeys.CreateUser()
	pub, _ := user.PublicKey()
	uc := jwt.NewUserClaims(pub)
	uc.Name = id.userName()
	uc.Permissions.Pub.Allow.Add(ResponseSubject("bkn", "lobby"))
	uc.Permissions.Sub.Allow.Add(id.inbox() + ".>")
	signed, err := uc.Encode(auth.account)
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := user.Seed()
	older, _ := jwt.FormatUserConfig(signed, seed)
	missing, err := (ClientOptions{CredsData: older}).MissingPermissions()
	want := []string{"publish berakhlak.surveys.bkn.ask", "subscribe berakhlak.surveys.bkn"}
	if err != nil || !slices.Equal(missing, want) {
		t.Errorf("older credentials lack %v (%v); want %v", missing, err, want)
	}
}

// A kiosk asking another instrument than the agency's survey is warned,
// once a run, that what it forwards may be set aside: it cannot be read as
// the agency's questions.
func TestKioskIsWarnedOfAnotherInstrument(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	agency, kiosk := openStore(t, "agency.db"), openStore(t, "kiosk.db")
	changeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.Instrument = "2027.1" })
	runInBackground(t, NewSurveyTeller(agency, connect(t, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", t.Logf).Run)
	log := startFollower(t, ns, kiosk, "bkn")
	warning := "warning=true the agency asks survey 2026 with instrument 2027.1, this kiosk with " + instrument.Version
	eventually(t, 20*time.Second, "the kiosk is warned", func() bool { return strings.Contains(log.String(), warning) })
	// Two more notices: the follower takes them one after the other, so
	// once the last is taken the one before has been warned of, or not.
	for _, k := range []int{6, 7} {
		changeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.K = k })
		eventually(t, 20*time.Second, "the kiosk takes k", func() bool {
			sv, _, _ := kiosk.Survey("2026")
			return sv.K == k
		})
	}
	if n := strings.Count(log.String(), warning); n != 1 {
		t.Errorf("warned %d times; once a run is enough:\n%s", n, log)
	}
}

// A kiosk set up in January, its own survey the new year's, while its
// agency still runs last year's: its empty year is removed and the
// agency's taken, so its respondents answer what the agency stores. A
// newer year of its own that holds a response stays, and is warned of.
func TestKioskDropsAYearItsAgencyDoesNotRun(t *testing.T) {
	kiosk := openStore(t, "kiosk.db")
	if err := kiosk.SaveSurvey(db.DefaultSurvey("2027")); err != nil {
		t.Fatal(err)
	}
	if err := kiosk.RemoveSurvey("2026"); err != nil { // as `init` made it in January 2027
		t.Fatal(err)
	}
	notice, _ := json.Marshal(surveysNotice{Surveys: []SurveyNotice{{ID: "2026", Open: true, K: 5, Modules: db.DefaultSurvey("").Modules}}})
	adopted, err := AdoptSurveys(kiosk, instrument.Version, notice)
	if err != nil {
		t.Fatal(err)
	}
	if latest, _ := kiosk.LatestSurvey(); latest.ID != "2026" || !latest.Open {
		t.Errorf("the kiosk's latest survey is %+v; want the agency's 2026, open", latest)
	}
	if want := "survey 2027 removed: the agency does not run it (its latest is 2026) and it held nothing"; !slices.Contains(adopted.Changes, want) {
		t.Errorf("changes %q; want %q", adopted.Changes, want)
	}

	if err := kiosk.SaveSurvey(db.DefaultSurvey("2028")); err != nil {
		t.Fatal(err)
	}
	r := instrument.SampleResponse(rand.New(rand.NewPCG(5, 5)), questionnaire.AudienceASN, "2028", db.RootUnitID, "2028-01-05", 0)
	if err := kiosk.SaveResponse(r); err != nil {
		t.Fatal(err)
	}
	adopted, err = AdoptSurveys(kiosk, instrument.Version, notice)
	if err != nil {
		t.Fatal(err)
	}
	if _, found, _ := kiosk.Survey("2028"); !found {
		t.Fatal("a survey holding a response was removed")
	}
	if len(adopted.Warnings) != 1 || !strings.Contains(adopted.Warnings[0], "survey 2028 is newer than the agency's latest, 2026") ||
		!strings.Contains(adopted.Warnings[0], "has responses") {
		t.Errorf("warnings %q", adopted.Warnings)
	}
}
