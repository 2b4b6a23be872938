#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
/* A bare "survey": one 700-byte frame per read, ending with k%05d. */
int main(void) {
  struct termios t;
  if (tcgetattr(0, &t) == 0) { cfmakeraw(&t); tcsetattr(0, TCSANOW, &t); }
  char frame[700], buf[64], m[8];
  memset(frame, 'x', sizeof frame);
  for (int n = 0;; n++) {
    snprintf(m, sizeof m, "k%05d", n);
    memcpy(frame + sizeof frame - 6, m, 6);
    if (write(1, frame, sizeof frame) != sizeof frame) return 1;
    if (read(0, buf, sizeof buf) <= 0) return 0;
  }
}
