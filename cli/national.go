package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/relay"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/nats-io/nats.go"
	"github.com/spf13/cobra"
)

// nationalFlags choose the national view: where, which survey, which k.
type nationalFlags struct {
	url, survey string
	k           int
	client      natsClientFlags
}

func (f *nationalFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.url, "national", "", "NATS URL of the national bucket: merge every agency's published aggregates instead of reading --db")
	intFlag(cmd.Flags(), &f.k, "k", db.DefaultSurvey("").K, "minimum group size of the national view (with --national)")
	f.client.register(cmd)
}

// settings are what scoring needs; the survey defaults to this year's.
func (f nationalFlags) settings() scoring.Settings {
	survey := f.survey
	if survey == "" {
		survey = strconv.Itoa(time.Now().Year())
	}
	return scoring.Settings{Survey: survey, K: f.k}
}

// watchNational connects and waits until the bucket's current records are in.
func watchNational(ctx context.Context, f nationalFlags) (*national.View, *nats.Conn, error) {
	if f.k < db.MinK {
		return nil, nil, fmt.Errorf("--k %d: the methodology's smallest minimum group size is %d", f.k, db.MinK)
	}
	nc, err := relay.Dial(f.url, "berakhlak national", f.client.options())
	if err != nil {
		return nil, nil, err
	}
	view, err := relay.WatchNational(ctx, nc, f.settings().Survey, f.k)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	select {
	case <-view.Ready():
		return view, nc, nil
	case <-time.After(30 * time.Second):
		nc.Close()
		return nil, nil, fmt.Errorf("the national bucket on %s did not answer within 30s", f.url)
	}
}

// nationalScores is `scores --national`: the national figures and a row per
// agency, each suppressed below k like any group.
func nationalScores(w, warn io.Writer, in *questionnaire.Instrument, f nationalFlags, unit string, out scoresView) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	view, nc, err := watchNational(ctx, f)
	if err != nil {
		return err
	}
	defer nc.Close()
	nodes, groups := view.Groups()
	for _, problem := range view.Problems() {
		fmt.Fprintln(warn, "warning: "+problem)
	}
	set := f.settings()
	if unit != "" && !slices.ContainsFunc(nodes, func(n scoring.Node) bool { return n.ID == unit }) {
		return fmt.Errorf("unit %q is not in the national view: name it AGENCY/UNIT, e.g. %s", unit, national.NodeID("bkn", "root"))
	}
	gs := groups.Group(unit, set, in)
	agencies := agencyFigures(groups, set, in)
	focus := view.FocusCounts()
	if out.asJSON {
		return writeNationalJSON(w, gs, agencies, focus)
	}
	printScores(w, gs, set.K, out)
	fmt.Fprintln(w, agencyTable(agencies, set.K, out.width))
	if line := tui.FocusCountsText(focus, out.lang); line != "" {
		fmt.Fprintln(w, line)
	}
	return nil
}

// agencyFigures are the figures of every agency, computed on every core.
func agencyFigures(groups *scoring.Groups, set scoring.Settings, in *questionnaire.Instrument) []scoring.GroupScores {
	roots := groups.Roots()
	out := make([]scoring.GroupScores, len(roots))
	next := make(chan int)
	var wg sync.WaitGroup
	for range procs.Available() {
		wg.Go(func() {
			for i := range next {
				out[i] = groups.Group(roots[i], set, in)
			}
		})
	}
	for i := range roots {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// writeNationalJSON streams {"national": …, "agencies": […], "focus_counts":
// …} an agency a line: at 632 agencies the document is megabytes, and
// indenting it cost a tenth of the command's time. focus_counts: how many
// units work on each value, by their plan's status (national.FocusCounts).
func writeNationalJSON(w io.Writer, national scoring.GroupScores, agencies []scoring.GroupScores, focus national.FocusCounts) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	bw.WriteString("{\"national\": ")
	if err := enc.Encode(national); err != nil {
		return err
	}
	bw.WriteString(",\"agencies\": [\n")
	for i, a := range agencies {
		if i > 0 {
			bw.WriteString(",")
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	bw.WriteString("],\"focus_counts\": ")
	if err := enc.Encode(focus); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// agencyTable is one row per agency: respondents and the headline indices,
// within width columns (0: as wide as it is).
func agencyTable(agencies []scoring.GroupScores, k, width int) string {
	t := table.New().Border(lipgloss.NormalBorder()).
		Headers("agency", "ASN", "public", "BerAKHLAK", "culture health", "engagement", "employer branding")
	for _, a := range agencies {
		if a.Suppressed || a.Scores == nil {
			t.Row(a.Name, fmt.Sprintf("<%d", k), "", "suppressed", "", "", "")
			continue
		}
		t.Row(append([]string{a.Name, fmt.Sprint(a.NASN), fmt.Sprint(a.NPublic)}, tui.HeadlineCells(a)...)...)
	}
	return tui.FitTable(t, width)
}

// nationalAdmin feeds the admin screen from the national bucket; every
// update of an agency's aggregates is an event.
type nationalAdmin struct {
	national *national.View
	in       *questionnaire.Instrument
	set      scoring.Settings
}

func (n nationalAdmin) Load() (tui.AdminData, error) {
	nodes, groups := n.national.Groups()
	asn, public := groups.Count("", questionnaire.AudienceASN), groups.Count("", questionnaire.AudiencePublic)
	today := questionnaire.Day(time.Now())
	todayN := n.national.Today(today)
	return tui.AdminData{Instrument: n.in, Settings: n.set, Nodes: nodes, Groups: groups,
		Counts: tui.Counts{All: asn + public, ASN: asn, Public: public, Today: todayN}, Problems: n.national.Problems(),
		FocusCounts: n.national.FocusCounts()}, nil
}

func (n nationalAdmin) Subscribe() (<-chan struct{}, func()) { return n.national.Changed(), func() {} }

func (n nationalAdmin) WriteReport(string) (string, error) {
	return "", fmt.Errorf("the national view has no report: run `berakhlak report` at an agency")
}
