// Package loadgen simulates respondents answering the survey over SSH, with
// human-like pauses, and measures what they would feel.
package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"

	gossh "golang.org/x/crypto/ssh"
)

// Config of a run.
type Config struct {
	Addr      string
	Sessions  int
	Duration  time.Duration
	Pause     time.Duration // mean pause between keys (uniform 0.5–1.5×)
	Ramp      time.Duration // sessions start spread over this time
	Connected func()        // called once every session is connected (to measure memory)
	// Idle sessions stay on the first screen until the duration ends,
	// pressing nothing: what an idle session costs the server.
	Idle bool
	// Kiosk, when set, is a kiosk terminal's key: each session connects
	// once, as user kiosk, and answers survey after survey on it, as a
	// kiosk terminal in an office does; nil is a new connection per
	// respondent, as people at their own terminals do.
	Kiosk gossh.Signer
}

// Result of a run.
type Result struct {
	Sessions, Connected int
	Connections         int // SSH connections made: one per respondent, or per kiosk session
	Completions         int // thank-you screens seen: acknowledged submissions
	Errors              []string
	KeyToScreen         []time.Duration
	SubmitToThanks      []time.Duration
	FirstScreen         []time.Duration
	// Respondent is each completed respondent's wall time, from dialling to
	// the end of the session: what a person spends, pauses included.
	Respondent []time.Duration
	Elapsed    time.Duration
}

// Quantile returns the q-quantile (0..1) of durations.
func Quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(int(q*float64(len(s))), len(s)-1)]
}

// surveyKeys answers the ASN survey (every answer from 1 to 5 in turn, so
// the screens change), as a terminal sends it; the last key confirms the
// stored record.
func surveyKeys() []string {
	answers := testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, func(it questionnaire.Item, n int) int {
		switch {
		case strings.HasPrefix(it.ID, "impl."):
			return 1 + n%5
		case it.ID == questionnaire.ItemEngRecommend:
			return 9
		}
		return 4
	})
	keys := append(append([]string{"1", "1"}, answers...), testkit.Enter, testkit.Enter) // Indonesian, ASN … review, save
	return testkit.Bytes(keys)
}

// Run starts the sessions, lets each answer surveys until the duration ends
// (a survey under way then is finished first, bounded by twice the
// duration), and gathers the figures.
func Run(ctx context.Context, cfg Config) Result {
	res := Result{Sessions: cfg.Sessions}
	var mu sync.Mutex
	var wg, connected sync.WaitGroup
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	hard, cancel := context.WithTimeout(ctx, 2*cfg.Duration+30*time.Second)
	defer cancel()
	connected.Add(cfg.Sessions)
	for i := range cfg.Sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if cfg.Ramp > 0 {
				time.Sleep(time.Duration(i) * cfg.Ramp / time.Duration(cfg.Sessions))
			}
			s := &session{cfg: cfg, rng: rand.New(rand.NewPCG(uint64(i), 99))}
			err := s.run(hard, deadline, connected.Done)
			mu.Lock()
			defer mu.Unlock()
			if s.connected {
				res.Connected++
			}
			res.Completions += s.completions
			res.Connections += s.connections
			res.KeyToScreen = append(res.KeyToScreen, s.keyToScreen...)
			res.SubmitToThanks = append(res.SubmitToThanks, s.submitToThanks...)
			res.Respondent = append(res.Respondent, s.respondentWall...)
			if s.firstScreen > 0 {
				res.FirstScreen = append(res.FirstScreen, s.firstScreen)
			}
			if err != nil {
				res.Errors = append(res.Errors, err.Error())
			}
		}()
	}
	if cfg.Connected != nil {
		go func() { connected.Wait(); cfg.Connected() }()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	return res
}

// session is one simulated respondent.
type session struct {
	cfg            Config
	rng            *rand.Rand
	connected      bool
	connections    int
	completions    int
	keyToScreen    []time.Duration
	submitToThanks []time.Duration
	respondentWall []time.Duration
	firstScreen    time.Duration

	mu     sync.Mutex
	out    bytes.Buffer
	change chan struct{} // a signal per read from the server
}

// run answers surveys until the deadline: a new SSH connection per
// respondent (an SSH respondent's session ends after its thank-you
// screen), or one for all on a kiosk terminal. With Idle it holds one
// connection open instead.
func (s *session) run(ctx context.Context, deadline time.Time, connected func()) error {
	once := sync.OnceFunc(connected)
	defer once()
	if s.cfg.Kiosk != nil && !s.cfg.Idle { // an idle kiosk terminal connects and waits, as any idle session
		return s.kiosk(ctx, deadline, once)
	}
	for first := true; first || time.Now().Before(deadline); first = false {
		if err := s.respondent(ctx, deadline, once); err != nil {
			return err
		}
		if s.cfg.Idle {
			return nil
		}
	}
	return nil
}

// respondent connects, answers one survey and sees the session end.
func (s *session) respondent(ctx context.Context, deadline time.Time, connected func()) error {
	start := time.Now()
	in, closeSession, err := s.connect(ctx, connected)
	if err != nil {
		return err
	}
	defer closeSession()
	if s.cfg.Idle {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Until(deadline)):
			return nil
		}
	}
	if err := s.answer(ctx, in); err != nil {
		return err
	}
	io.WriteString(in, " ") // leave the thank-you screen: the session ends
	if err := s.waitClosed(ctx); err != nil {
		return err
	}
	s.respondentWall = append(s.respondentWall, time.Since(start))
	return nil
}

// kiosk connects once and answers survey after survey until the deadline,
// each respondent's time from the welcome to the next welcome.
func (s *session) kiosk(ctx context.Context, deadline time.Time, connected func()) error {
	in, closeSession, err := s.connect(ctx, connected)
	if err != nil {
		return err
	}
	defer closeSession()
	for first := true; first || time.Now().Before(deadline); first = false {
		start := time.Now()
		s.mu.Lock()
		s.out.Reset() // what the last respondent saw: a kiosk session runs for hours
		s.mu.Unlock()
		if err := s.answer(ctx, in); err != nil {
			return err
		}
		mark := s.outLen()
		io.WriteString(in, " ") // leave the thank-you screen: the next person's welcome
		if err := s.waitFor(ctx, "Selamat datang", mark); err != nil {
			return err
		}
		s.respondentWall = append(s.respondentWall, time.Since(start))
	}
	return nil
}

// connect dials, asks for a terminal and waits for the welcome; it returns
// the session's input and what closes it.
func (s *session) connect(ctx context.Context, connected func()) (io.Writer, func(), error) {
	dialStart := time.Now()
	auth := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	user := "survei"
	if s.cfg.Kiosk != nil {
		auth, user = gossh.PublicKeys(s.cfg.Kiosk), "kiosk"
	}
	client, err := gossh.Dial("tcp", s.cfg.Addr, &gossh.ClientConfig{
		User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
		Auth: []gossh.AuthMethod{auth},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("connect: %w", err)
	}
	s.connections++
	sess, err := client.NewSession()
	if err != nil {
		client.Close()
		return nil, nil, fmt.Errorf("session: %w", err)
	}
	closeSession := func() { sess.Close(); client.Close() }
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		closeSession()
		return nil, nil, fmt.Errorf("pty: %w", err)
	}
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	s.mu.Lock()
	s.out.Reset()
	s.mu.Unlock()
	s.change = make(chan struct{}, 1)
	go s.read(out)
	if err := sess.Shell(); err != nil {
		closeSession()
		return nil, nil, fmt.Errorf("shell: %w", err)
	}
	if err := s.waitFor(ctx, "Selamat datang", 0); err != nil {
		closeSession()
		return nil, nil, err
	}
	if s.firstScreen == 0 {
		s.firstScreen = time.Since(dialStart)
	}
	s.connected = true
	connected()
	return in, closeSession, nil
}

// answer answers one survey from the welcome to the thank-you screen.
func (s *session) answer(ctx context.Context, in io.Writer) error {
	keys := surveyKeys()
	for i, k := range keys {
		if err := s.pause(ctx); err != nil {
			return err
		}
		sent, mark := time.Now(), s.outLen()
		s.drain()
		if _, err := io.WriteString(in, k); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if i == len(keys)-1 {
			if err := s.waitFor(ctx, "Terima kasih", mark); err != nil {
				return err
			}
			s.submitToThanks = append(s.submitToThanks, time.Since(sent))
			continue
		}
		if err := s.waitChange(ctx); err != nil {
			return err
		}
		s.keyToScreen = append(s.keyToScreen, time.Since(sent))
	}
	s.completions++
	return nil
}

func (s *session) read(r io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			select {
			case s.change <- struct{}{}:
			default:
			}
		}
		if err != nil {
			close(s.change)
			return
		}
	}
}

func (s *session) outLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Len()
}

func (s *session) drain() {
	select {
	case <-s.change:
	default:
	}
}

var errClosed = errors.New("the server closed the session")

// waitChange waits for the screen to change after a key.
func (s *session) waitChange(ctx context.Context) error {
	select {
	case _, ok := <-s.change:
		if !ok {
			return errClosed
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("no screen update: %w", ctx.Err())
	}
}

// waitClosed waits for the server to end the session.
func (s *session) waitClosed(ctx context.Context) error {
	for {
		select {
		case _, ok := <-s.change:
			if !ok {
				return nil
			}
		case <-ctx.Done():
			return fmt.Errorf("the session did not end after thank-you: %w", ctx.Err())
		}
	}
}

// waitFor waits until the output after offset holds text.
func (s *session) waitFor(ctx context.Context, text string, from int) error {
	for {
		s.mu.Lock()
		found := bytes.Contains(s.out.Bytes()[min(from, s.out.Len()):], []byte(text))
		s.mu.Unlock()
		if found {
			return nil
		}
		select {
		case _, ok := <-s.change:
			if !ok {
				return errClosed
			}
		case <-ctx.Done():
			return fmt.Errorf("no %q: %w", text, ctx.Err())
		}
	}
}

func (s *session) pause(ctx context.Context) error {
	d := time.Duration(float64(s.cfg.Pause) * (0.5 + s.rng.Float64()))
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// IsLoopback reports whether addr names this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
