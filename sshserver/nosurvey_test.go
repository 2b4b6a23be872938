package sshserver

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// A service with no survey (an admin screen's loopback listener) tells a
// respondent so, in both languages, and still serves its admins.
func TestNoSurveyWhereNoneIsServed(t *testing.T) {
	s, admin := testServer(t, Config{})
	s.cfg.Respondent = nil
	for _, user := range []string{UserRespondent, UserSurvey} {
		c, err := dialFrom(t, s, "127.0.0.1", user, noPassword())
		if err != nil {
			t.Fatal(err)
		}
		screen := firstScreen(t, c)
		c.Close()
		if strings.Contains(screen, "ready") || !strings.Contains(screen, "the survey is not served here") ||
			!strings.Contains(screen, "survei tidak dilayani di sini") {
			t.Errorf("%s where no survey is served saw %q", user, screen)
		}
	}
	c, err := dialFrom(t, s, "127.0.0.1", UserAdmin, gossh.PublicKeys(admin))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if screen := firstScreen(t, c); !strings.Contains(screen, "ready") {
		t.Errorf("the admin where no survey is served saw %q", screen)
	}
}
