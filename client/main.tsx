import { render } from 'preact';
import { App } from './app.tsx';
import { loadCollections } from './state/actions.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
void loadCollections();
