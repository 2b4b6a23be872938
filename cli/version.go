package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

func init() { cobra.AddTemplateFunc("berakhlakVersion", version) }

// version says which build this is, for a bug report or an agency's
// inventory: the module's version (a release tag when installed as
// `go install …@vX`, a pseudo-version naming the commit when built in a
// repository, "(devel)" when the build recorded neither), the Go release,
// the database layout it reads and writes, and the embedded instrument's
// version.
func version() string {
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	return fmt.Sprintf("%s · %s · database schema %d · embedded instrument %s",
		v, runtime.Version(), db.SchemaVersion, questionnaire.Default().Version)
}
