package cli

import (
	"net"
	"syscall"
)

// callerUID is the user id of the process at the other end of a unix
// socket, -1 when the kernel does not say.
func callerUID(c net.Conn) int {
	unix, ok := c.(*net.UnixConn)
	if !ok {
		return -1
	}
	raw, err := unix.SyscallConn()
	if err != nil {
		return -1
	}
	uid := -1
	raw.Control(func(fd uintptr) {
		if cred, err := syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED); err == nil {
			uid = int(cred.Uid)
		}
	})
	return uid
}
