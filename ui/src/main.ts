// First: asks the shell for the project while the rest of the script is evaluated.
import './lib/launch';
import { mount } from 'svelte';
import './app.css';
import './styles/controls.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
