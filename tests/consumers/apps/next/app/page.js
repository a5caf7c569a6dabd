import Console from "./console";

// Prerendered on the server at build time: the client component below is rendered there too,
// which imports cloudcerts (its Node build) without calling it.
export default function Page() {
  return <Console />;
}
