// Package announce turns the releases an article reports into release
// events on MW_RELEASES, exactly once per release across replicas: the
// mw_releases bucket holds each release's state (first seen, who claims
// the announcement, its sources), the first article to claim a release
// announces it, and later articles corroborate it (ReleaseAnnouncer).
// MigrateReleaseKeys moves states to new keys when the catalog's
// identities change.
package announce
