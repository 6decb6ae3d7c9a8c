package bus

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nats-io/nats.go"
)

// Auth is how a client proves who it is to NATS and secures the
// connection. At most one of the credentials (User with Password, Token,
// NKeyFile, CredsFile) is set; the zero value sends none. A URL with
// user:password@ carries its own.
type Auth struct {
	User     string
	Password string
	Token    string
	// NKeyFile holds an nkey seed ("SU…"); the client signs the server's
	// challenge with it.
	NKeyFile string
	// CredsFile is a NATS credentials file: a user JWT and its nkey seed
	// (decentralised auth, `nsc generate creds`).
	CredsFile string
	// CAFile verifies the server's certificate; CertFile and KeyFile are
	// the client's own for mutual TLS. Any of them turns TLS on.
	CAFile, CertFile, KeyFile string
}

// IsZero reports whether a sends no credentials and no TLS settings.
func (a Auth) IsZero() bool { return a == Auth{} }

// Kind names the credentials for people: "user crawler", "token", "nkey",
// "creds file", "none"; "+ tls" when TLS settings are given.
func (a Auth) Kind() string {
	k := "none"
	switch {
	case a.User != "":
		k = "user " + a.User
	case a.Token != "":
		k = "token"
	case a.NKeyFile != "":
		k = "nkey " + a.NKeyFile
	case a.CredsFile != "":
		k = "creds file " + a.CredsFile
	}
	if a.CAFile != "" || a.CertFile != "" {
		k += " + tls"
	}
	return k
}

// Options returns the nats.go options that present a's credentials.
func (a Auth) Options() ([]nats.Option, error) {
	var opts []nats.Option
	switch {
	case a.User != "":
		opts = append(opts, nats.UserInfo(a.User, a.Password))
	case a.Token != "":
		opts = append(opts, nats.Token(a.Token))
	case a.NKeyFile != "":
		o, err := nats.NkeyOptionFromSeed(a.NKeyFile)
		if err != nil {
			return nil, fmt.Errorf("nats nkey file %s: %w", a.NKeyFile, err)
		}
		opts = append(opts, o)
	case a.CredsFile != "":
		if _, err := os.Stat(a.CredsFile); err != nil {
			return nil, fmt.Errorf("nats creds file: %w", err)
		}
		opts = append(opts, nats.UserCredentials(a.CredsFile))
	}
	if a.CAFile != "" {
		opts = append(opts, nats.RootCAs(a.CAFile))
	}
	if a.CertFile != "" || a.KeyFile != "" {
		opts = append(opts, nats.ClientCert(a.CertFile, a.KeyFile))
	}
	return opts, nil
}

// EmbeddedUser is the user clients of the embedded server log in as.
const EmbeddedUser = "modelwire"

// PasswordFile is where, in the data directory, the password of the
// embedded server's EmbeddedUser is kept, readable by its owner only.
func PasswordFile(dataDir string) string { return filepath.Join(dataDir, "nats.password") }

// EmbeddedAuth returns the credentials of the embedded server whose data
// directory is dataDir. With create, a missing password is generated (256
// random bits) and written with owner-only permissions; it is kept across
// restarts, so reconnecting clients log in again. Without create, a
// missing file is fs.ErrNotExist. A file others may read is made private.
func EmbeddedAuth(dataDir string, create bool) (Auth, error) {
	path := PasswordFile(dataDir)
	pw, err := readPassword(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		pw, err = writePassword(path)
	}
	if err != nil {
		return Auth{}, err
	}
	return Auth{User: EmbeddedUser, Password: pw}, nil
}

func readPassword(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return "", fmt.Errorf("%s can be read by others and cannot be made private: %w", path, err)
		}
	}
	b := make([]byte, 256)
	n, _ := f.Read(b)
	pw := strings.TrimSpace(string(b[:n]))
	if pw == "" {
		return "", fmt.Errorf("%s is empty: delete it to have a new password generated", path)
	}
	return pw, nil
}

func writePassword(path string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("creating the data directory: %w", err)
	}
	raw := make([]byte, 32)
	rand.Read(raw) // never fails (crypto/rand)
	pw := base64.RawURLEncoding.EncodeToString(raw)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process made it first
		return readPassword(path)
	}
	if err != nil {
		return "", fmt.Errorf("writing the NATS password: %w", err)
	}
	if _, err := f.WriteString(pw + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("writing the NATS password: %w", err)
	}
	return pw, f.Close()
}
