export function App() {
  return (
    <main>
      <h1>Segment Notebook</h1>
    </main>
  );
}
