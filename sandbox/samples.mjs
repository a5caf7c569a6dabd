// Real X.509 material for Qiniu upload tests and the demo (self-signed, ECDSA P-256).
// Generated once with openssl for the sandbox; the keys protect nothing.

/** Valid 2025-01-01 .. 2125-01-01, CN upload.sandbox.example, SANs incl. a wildcard and an upper-case duplicate. */
export const sampleCertificate = {
  commonName: 'upload.sandbox.example',
  dnsNames: ['upload.sandbox.example', '*.upload.sandbox.example', 'UPLOAD.sandbox.example'],
  notBefore: Date.UTC(2025, 0, 1) / 1000,
  notAfter: Date.UTC(2125, 0, 1) / 1000,
  certificatePem: "-----BEGIN CERTIFICATE-----\nMIIB5DCCAYqgAwIBAgICEAEwCgYIKoZIzj0EAwIwPjEfMB0GA1UEAwwWdXBsb2Fk\nLnNhbmRib3guZXhhbXBsZTEbMBkGA1UECgwSY2xvdWRjZXJ0cyBzYW5kYm94MCAX\nDTI1MDEwMTAwMDAwMFoYDzIxMjUwMTAxMDAwMDAwWjA+MR8wHQYDVQQDDBZ1cGxv\nYWQuc2FuZGJveC5leGFtcGxlMRswGQYDVQQKDBJjbG91ZGNlcnRzIHNhbmRib3gw\nWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATVCCmTQSrZqrgdkxKt66aqJMRI8kFf\nztbGwCrg/+TWGDiPa6BH/N9XvHGFVVS+RXFUelEnLW/xNSF8JTiqc9ono3YwdDBT\nBgNVHREETDBKghZ1cGxvYWQuc2FuZGJveC5leGFtcGxlghgqLnVwbG9hZC5zYW5k\nYm94LmV4YW1wbGWCFlVQTE9BRC5zYW5kYm94LmV4YW1wbGUwHQYDVR0OBBYEFGUt\nEFlmHyvi52Yubacv8qHsbcRCMAoGCCqGSM49BAMCA0gAMEUCIQDt4k5m5mjEo98G\nrWDXWZWCWRTEGFOnRmONPZX18aNNdQIgIcgg55R1oByZa3b4P5SzWdD08l7ichXQ\nPVH15nHLEHY=\n-----END CERTIFICATE-----\n",
  privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7na0pHkNQj49Dp0q\nxU8Y5e21Yp2oh1wXIaMJ4NEh106hRANCAATVCCmTQSrZqrgdkxKt66aqJMRI8kFf\nztbGwCrg/+TWGDiPa6BH/N9XvHGFVVS+RXFUelEnLW/xNSF8JTiqc9on\n-----END PRIVATE KEY-----\n",
};

/** Expired (2020-01-01 .. 2021-01-01): Qiniu rejects it with 400329. */
export const expiredCertificate = {
  commonName: 'expired.sandbox.example',
  dnsNames: ['expired.sandbox.example'],
  notBefore: Date.UTC(2020, 0, 1) / 1000,
  notAfter: Date.UTC(2021, 0, 1) / 1000,
  certificatePem: "-----BEGIN CERTIFICATE-----\nMIIBtDCCAVmgAwIBAgICEAAwCgYIKoZIzj0EAwIwPzEgMB4GA1UEAwwXZXhwaXJl\nZC5zYW5kYm94LmV4YW1wbGUxGzAZBgNVBAoMEmNsb3VkY2VydHMgc2FuZGJveDAe\nFw0yMDAxMDEwMDAwMDBaFw0yMTAxMDEwMDAwMDBaMD8xIDAeBgNVBAMMF2V4cGly\nZWQuc2FuZGJveC5leGFtcGxlMRswGQYDVQQKDBJjbG91ZGNlcnRzIHNhbmRib3gw\nWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARMDrmjAxBiUCzt7LXaI74Sl3+2ukYT\n8OYpb982qZvEi+a0azz3LluHw9peR7jr7lhZbZij+3/hdBP8oglKuQ9Jo0UwQzAi\nBgNVHREEGzAZghdleHBpcmVkLnNhbmRib3guZXhhbXBsZTAdBgNVHQ4EFgQULXrM\nU2/SpGywng9Eax0X7raYaocwCgYIKoZIzj0EAwIDSQAwRgIhAKACID6J8KKeXw2M\n1wcbHOWWiJOtiQZgtTPzy56poW1rAiEAuwqsMbbegOTG3d2fLylaz65jZjdZIzYX\nh4VztTNJ0ZU=\n-----END CERTIFICATE-----\n",
  privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgPTT2FKiCFoIG3UQQ\n4cZoYYoZg7Z8hD1nZYLr1SZZSlShRANCAARMDrmjAxBiUCzt7LXaI74Sl3+2ukYT\n8OYpb982qZvEi+a0azz3LluHw9peR7jr7lhZbZij+3/hdBP8oglKuQ9J\n-----END PRIVATE KEY-----\n",
};

/**
 * The sample's renewal: the same names (upload.sandbox.example, *.upload.sandbox.example), valid
 * 2026-12-07 .. 2125-12-31, so it replaces the sample (which expires on 2125-01-01) where that is
 * uploaded: the demo's "Renew" fills it in. Another key.
 */
export const renewedSampleCertificate = {
  commonName: 'upload.sandbox.example',
  dnsNames: ['upload.sandbox.example', '*.upload.sandbox.example'],
  certificatePem: "-----BEGIN CERTIFICATE-----\nMIIByzCCAXKgAwIBAgICEAIwCgYIKoZIzj0EAwIwPjEfMB0GA1UEAwwWdXBsb2Fk\nLnNhbmRib3guZXhhbXBsZTEbMBkGA1UECgwSY2xvdWRjZXJ0cyBzYW5kYm94MCAX\nDTI2MTIwNzA0MDA0M1oYDzIxMjUxMjMxMDQwMDQzWjA+MR8wHQYDVQQDDBZ1cGxv\nYWQuc2FuZGJveC5leGFtcGxlMRswGQYDVQQKDBJjbG91ZGNlcnRzIHNhbmRib3gw\nWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARo9HbDS5G6WT1K9/stkvaUSQtIKvik\nf+dr6SEV0tOwP1tDjEToXBQKKLvy69mQ5544T+K3ww39xhqeKudspDbdo14wXDA7\nBgNVHREENDAyghZ1cGxvYWQuc2FuZGJveC5leGFtcGxlghgqLnVwbG9hZC5zYW5k\nYm94LmV4YW1wbGUwHQYDVR0OBBYEFEL8ghbXobfahk8OT1klbAh6xcBTMAoGCCqG\nSM49BAMCA0cAMEQCIHBbG4q4tPHcwu34DJ+ElSPVLlX8ehbnZDoerkJmWqPPAiBp\n7gcil/mu+B5nmvk3MsDNf5wclAmIe7bT4SPYKf4+8w==\n-----END CERTIFICATE-----\n",
  privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEsvbPCCZH34t5Xho\nj8yPzONIqy4VwVkdNeU+xDRBADmhRANCAARo9HbDS5G6WT1K9/stkvaUSQtIKvik\nf+dr6SEV0tOwP1tDjEToXBQKKLvy69mQ5544T+K3ww39xhqeKudspDbd\n-----END PRIVATE KEY-----\n",
};
