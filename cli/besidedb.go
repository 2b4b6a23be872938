package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The files a database's processes keep beside it carry its name, so that
// two databases in one folder never share a log, a host key or an admin key
// (the control socket, the NATS store and identities, the code key do too).
func logPath(dbPath string) string      { return dbPath + ".log" }
func hostKeyPath(dbPath string) string  { return dbPath + ".ssh_host_ed25519" }
func adminKeyPath(dbPath string) string { return dbPath + ".admin_ed25519" }

// adminAddrFile holds the address of the running process's SSH listener, for
// `berakhlak admin` on the same machine.
func adminAddrFile(dbPath string) string { return dbPath + ".ssh" }

// sharedHostKey is the name earlier builds gave the host key of every
// database in a folder.
const sharedHostKey = "ssh_host_ed25519"

// adoptSharedHostKey copies a host key of the former shared name to the
// database's own name, once, so that its fingerprint — which users have
// accepted — stays the same; it says so on log.
func adoptSharedHostKey(dbPath string, log io.Writer) error {
	own, shared := hostKeyPath(dbPath), filepath.Join(filepath.Dir(dbPath), sharedHostKey)
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		return nil
	}
	data, err := os.ReadFile(shared)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the shared host key: %w", err)
	}
	if err := os.WriteFile(own, data, 0o600); err != nil {
		return fmt.Errorf("copy the shared host key to %s: %w", own, err)
	}
	fmt.Fprintf(log, "berakhlak: the host key %s is now also kept as %s (same fingerprint); the shared one is no longer read\n", shared, own)
	return nil
}
