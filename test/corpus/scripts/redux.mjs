import { createStore, combineReducers } from 'redux';
const counter = (s = 0, a) => (a.type === 'inc' ? s + 1 : s); // breakpoint
const store = createStore(combineReducers({ counter }));
store.subscribe(() => console.log('state', JSON.stringify(store.getState())));
store.dispatch({ type: 'inc' });
store.dispatch({ type: 'inc' });
